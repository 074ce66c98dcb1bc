/**
 * @module Wizard: the wizard alone (`weft.ui.Wizard`), for hosts that draw their own catalogue:
 * `templateId` adds an integration, `flowId` edits one. Emits `integration:create`,
 * `integration:update`, `integration:error` and `wizard:cancel`.
 */
import { useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import { WidgetRoot, createEmitter, createTranslate, type StringCatalogue, type Theme, type WidgetEmitter, type WidgetEventHandler, type WidgetHandle } from '@weft/ui-kit';
import type { ApiClient } from '@weft/api-client';
import { createWizardStore, type WizardResult, type WizardTarget } from './store/wizard-store.ts';
import { WizardStoreProvider, useWizardStoreApi } from './hooks/use-wizard-store.ts';
import { WizardForm } from './wizard/wizard-form.tsx';
import { integrationsStrings } from './strings.ts';
import { errorDetail, resultEvent } from './integration-events.ts';

export interface WizardBaseProps {
  api: ApiClient;
  theme?: Theme | undefined;
  locale?: string | undefined;
  strings?: StringCatalogue | undefined;
  emitter?: WidgetEmitter | undefined;
  on?: Record<string, WidgetEventHandler<never>> | undefined;
  /** Field ids to ask again (shown flagged), e.g. from a refused update. */
  askAgain?: string[] | undefined;
  ref?: Ref<WidgetHandle>;
}

/** `templateId` (add an integration) or `flowId` (edit one), and the common widget props. */
export type WizardProps = WizardTarget & WizardBaseProps;

function Handle({ handleRef }: { handleRef: Ref<WidgetHandle> | undefined }) {
  const store = useWizardStoreApi();
  useImperativeHandle(handleRef, () => ({
    reload: () => void store.getState().load(),
    state: (key: string) => (key === 'answers' ? store.getState().answers : undefined),
  }), [store]);
  return null;
}

export function Wizard(props: WizardProps) {
  const { api, theme, locale, strings, emitter, on, askAgain, ref } = props;
  const target: WizardTarget = 'flowId' in props ? { flowId: props.flowId } : { templateId: props.templateId };
  const ownEmitter = useMemo(() => emitter ?? createEmitter(), [emitter]);
  const apiRef = useRef(api);
  apiRef.current = api;
  const t = useMemo(() => createTranslate({ locale, catalogues: integrationsStrings, overrides: strings }), [locale, strings]);
  const tRef = useRef(t);
  tRef.current = t;
  const key = 'flowId' in target ? `flow:${target.flowId}` : `template:${target.templateId}`;
  const create = () => createWizardStore({
    api: () => apiRef.current, target, t: (k, params) => tRef.current(k, params), ...(askAgain ? { askAgain } : {}),
    onError: (error) => ownEmitter.emit('integration:error', errorDetail(error, target)),
  });
  const onDone = (result: WizardResult) => {
    const [event, detail] = resultEvent(result);
    ownEmitter.emit(event, detail);
  };
  return (
    <WidgetRoot api={api} theme={theme} locale={locale} strings={strings} catalogues={integrationsStrings} emitter={ownEmitter} on={on} className="weft-int weft-int--wizard">
      {/* A new target is a new wizard: a fresh store. */}
      <WizardStoreProvider key={key} create={create}>
        <Handle handleRef={ref} />
        <WizardForm showHeading onDone={onDone} onCancel={() => ownEmitter.emit('wizard:cancel', target)} />
      </WizardStoreProvider>
    </WidgetRoot>
  );
}
