/** @module Designer: the flow designer widget (palette, canvas, inspector) for one flow. */
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { createTranslate, useWidgetRoot, type WidgetHandle } from '@weft/ui-kit';
import { errorMessage, type DesignerApi } from './api/designer-api.ts';
import { DesignerLayout } from './components/designer-layout.tsx';
import { DesignerServicesContext, type DesignerEvent, type DesignerServices } from './hooks/use-designer-services.ts';
import { createDesignerStore, type DesignerStore } from './store/create-designer-store.ts';
import { isHostStateKey, readHostState } from './store/host-state.ts';
import { DesignerStoreProvider } from './store/designer-store-context.tsx';
import { designerCatalogues } from './strings/designer-strings.ts';
import { createAutosave } from './sync/autosave.ts';
import { createTestRunner } from './sync/test-runner.ts';
import { useFlowLoader } from './hooks/use-flow-loader.ts';
import { usePastRun } from './hooks/use-past-run.ts';
import { useTemplateDetach } from './hooks/use-template-detach.ts';

export interface DesignerProps {
  flowId: string;
  /** Defaults to the `WidgetRoot`'s client; stories and tests pass a mock. */
  api?: DesignerApi | undefined;
  /** Debounce of autosave, in milliseconds. */
  autosaveDelayMs?: number | undefined;
  /** A past run (its correlation id) to show on the canvas once the flow is loaded, as a test run shows. */
  run?: string | undefined;
  /** Show "Make a template" (for operators; Studio passes it to them). Needs `api.createTemplate`. */
  templates?: boolean | undefined;
  /** Lets the host read the designer's state (`DesignerHostState` keys). */
  ref?: Ref<DesignerHandle> | undefined;
}

/**
 * `state(key)` reads one `DesignerHostState` key (undefined for any other). It is read-only: the canvas
 * changes through the person's edits and autosave, so a value passed to it is ignored.
 */
export type DesignerHandle = Pick<WidgetHandle, 'state'>;

/** Render inside `<WidgetRoot>`; events reach the host through its emitter. */
export function Designer({ ref, ...props }: DesignerProps) {
  const [store] = useState<DesignerStore>(createDesignerStore);
  useImperativeHandle(ref, () => ({
    state: (key: string) => (isHostStateKey(key) ? readHostState(store.getState())[key] : undefined),
  }), [store]);
  return (
    <DesignerStoreProvider create={() => store}>
      <ReactFlowProvider>
        <DesignerServicesProvider {...props} store={store} />
      </ReactFlowProvider>
    </DesignerStoreProvider>
  );
}

function DesignerServicesProvider({ flowId, run, api: injected, autosaveDelayMs, templates, store }: DesignerProps & { store: DesignerStore }) {
  const root = useWidgetRoot();
  const api: DesignerApi = injected ?? root.api;
  const { emitter, t: hostT, locale } = root;

  const t = useMemo<DesignerServices['t']>(() => {
    const own = createTranslate({ locale, catalogues: designerCatalogues });
    // Host overrides and WidgetRoot catalogues win; the designer's own catalogue fills the rest.
    return (key, params) => {
      const text = hostT(key, params);
      return text === key ? own(key, params) : text;
    };
  }, [hostT, locale]);

  const emit = useCallback((event: DesignerEvent) => {
    const { type, ...detail } = event;
    emitter.emit(type, detail);
  }, [emitter]);
  // Autosave outlives changes of strings or emitter: it reads the current emit through a ref.
  const emitRef = useRef(emit);
  useEffect(() => {
    emitRef.current = emit;
  }, [emit]);

  const autosave = useMemo(() => createAutosave({
    store,
    api,
    ...(autosaveDelayMs === undefined ? {} : { delayMs: autosaveDelayMs }),
    onSaved: (flow) => emitRef.current({ type: 'designer:save', flowId: flow.flowId, version: flow.version }),
    onError: (error) => emitRef.current({ type: 'designer:error', flowId: store.getState().flowId, message: errorMessage(error) }),
  }), [api, autosaveDelayMs, store]);
  useEffect(() => {
    autosave.start();
    return () => autosave.stop();
  }, [autosave]);

  const tRef = useRef(t);
  useEffect(() => {
    tRef.current = t;
  }, [t]);
  const testRunner = useMemo(() => createTestRunner({
    store,
    api,
    autosave,
    onProgress: (event) => {
      const say = tRef.current;
      const message = event.type === 'started' ? say('designer.testRun.running')
        : event.type === 'done' ? say('designer.testRun.done', { count: event.count })
          : say('designer.testRun.failed', { message: event.message });
      store.getState().announce(message);
    },
  }), [api, autosave, store]);
  useEffect(() => () => testRunner.cancel(), [testRunner]);

  const services = useMemo<DesignerServices>(() => ({ api, autosave, testRunner, emit, t, locale, canMakeTemplates: templates === true }), [api, autosave, testRunner, emit, t, locale, templates]);
  useFlowLoader(flowId, services);
  usePastRun(run, services);
  useTemplateDetach(store, services);

  return (
    <DesignerServicesContext.Provider value={services}>
      <DesignerLayout />
    </DesignerServicesContext.Provider>
  );
}
