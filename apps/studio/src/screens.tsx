/** @module Screens: the Studio's screens, each one SDK widget plus a little navigation. */
import { useMemo } from 'react';
import type { Weft } from '@weft/sdk';
import { Accounts, Designer, FlowManager, InsightsLogs, Integrations } from '@weft/sdk/react';
import type { Route } from './route.ts';
import { t } from './strings.ts';

type Go = (route: Route) => void;
type FlowEvent = { flowId: string; correlationId?: string };

export function FlowsScreen({ weft, go }: { weft: Weft; go: Go }) {
  const on = useMemo(() => ({
    'flow:open': ({ flowId }: FlowEvent) => go({ screen: 'designer', flowId }),
    'flow:create': ({ flowId }: FlowEvent) => go({ screen: 'designer', flowId }),
    // The last run's cell names its run: open the flow's run history, where it is the newest.
    'flow:insights': ({ flowId, correlationId }: FlowEvent) => go(correlationId ? { screen: 'insights', flowId, view: 'runs' } : { screen: 'insights', flowId }),
  }), [go]);
  return <FlowManager weft={weft} on={on} className="studio-widget" />;
}

/** Operators (`canMakeTemplates`) may turn the flow into a template. */
export function DesignerScreen({ weft, go, flowId, run, canMakeTemplates = false }: { weft: Weft; go: Go; flowId: string; run?: string | undefined; canMakeTemplates?: boolean }) {
  const options = useMemo(() => ({ flowId, ...(run ? { run } : {}), templates: canMakeTemplates }), [flowId, run, canMakeTemplates]);
  return (
    <>
      <nav className="studio-subnav">
        <a href="#/flows" onClick={(e) => { e.preventDefault(); go({ screen: 'flows' }); }}>{t('studio.back')}</a>
        <a href={`#/flows/${encodeURIComponent(flowId)}/logs`}>{t('studio.flowLogs')}</a>
      </nav>
      <Designer weft={weft} options={options} className="studio-widget studio-widget--tall" />
    </>
  );
}

export function InsightsScreen({ weft, go, flowId, view }: { weft: Weft; go: Go; flowId: string | undefined; view?: 'runs' | undefined }) {
  const options = useMemo(() => ({ flowId: flowId ?? '', ...(view ? { initialState: { view } } : {}) }), [flowId, view]);
  const on = useMemo(() => ({
    'run:open': ({ flowId: runFlowId, correlationId }: Required<FlowEvent>) => go({ screen: 'designer', flowId: runFlowId, run: correlationId }),
  }), [go]);
  return (
    <>
      <nav className="studio-subnav">
        <a href="#/flows" onClick={(e) => { e.preventDefault(); go({ screen: 'flows' }); }}>{t('studio.back')}</a>
        {flowId ? <a href={`#/flows/${encodeURIComponent(flowId)}/designer`}>{t('studio.openDesigner')}</a> : null}
      </nav>
      <InsightsLogs weft={weft} options={options} on={on} className="studio-widget studio-widget--tall" />
    </>
  );
}

/** Support staff and operators: a tenant's insights (`#/tenants/<id>/logs`); the widget's pickers change tenant or user. */
export function TenantInsightsScreen({ weft, go, tenantId }: { weft: Weft; go: Go; tenantId: string }) {
  const options = useMemo(() => ({ tenantId }), [tenantId]);
  const on = useMemo(() => ({
    'run:open': ({ flowId: runFlowId, correlationId }: Required<FlowEvent>) => go({ screen: 'designer', flowId: runFlowId, run: correlationId }),
  }), [go]);
  return <InsightsLogs weft={weft} options={options} on={on} className="studio-widget studio-widget--tall" />;
}

export function AccountsScreen({ weft }: { weft: Weft }) {
  return <Accounts weft={weft} className="studio-widget" />;
}

export function IntegrationsScreen({ weft }: { weft: Weft }) {
  return <Integrations weft={weft} className="studio-widget" />;
}
