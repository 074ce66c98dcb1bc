// @vitest-environment happy-dom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LogRecord, Run } from '@weft/api-client';
import { WidgetRoot } from '@weft/ui-kit';
import { FlowDescriptor } from '@weft/flow';
import { Designer } from './designer.tsx';
import { designerCatalogues } from './strings/designer-strings.ts';
import { createMockApi } from './testing/mock-api.ts';
import { setUpDesignerDom } from './testing/dom-setup.ts';

setUpDesignerDom();

const T = 1_700_000_000_000;
const failed: Run = {
  correlationId: 'run-failed', flowId: 'flow-1', status: 'failed', startedAt: T, lastAt: T + 40, endedAt: T + 40, durationMs: 40, steps: 1, errors: 3,
  failure: { componentId: 'send', componentType: 'weft.utils.http.Request', time: T + 40, error: { code: 'component.error', message: 'connect ECONNREFUSED' } },
};
const succeeded: Run = { correlationId: 'run-ok', flowId: 'flow-1', status: 'succeeded', startedAt: T - 60_000, lastAt: T - 59_000, endedAt: T - 59_000, durationMs: 1000, steps: 2, errors: 0 };
const record = (id: string, componentId: string, direction: LogRecord['direction'], payload: unknown, extra: Partial<LogRecord> = {}): LogRecord => ({
  id, time: T, flowId: 'flow-1', componentId, componentType: 'x', port: direction === 'in' ? 'in' : 'out', direction, severity: 'info', correlationId: 'run-failed',
  messageId: id, payload, truncated: false, ...extra,
});

function openWith(run?: string) {
  const api = createMockApi(FlowDescriptor.parse({
    hook: { type: 'weft.utils.http.Webhook', label: 'Order in' },
    send: { type: 'weft.utils.http.Request', label: 'Notify shop', source: { in: { hook: ['out'] } } },
  }));
  const records = [
    record('a', 'hook', 'in', { body: { order: 42 } }),
    record('b', 'hook', 'out', { body: { order: 42 } }),
    record('c', 'send', 'error', { url: 'https://shop.example' }, { severity: 'error', error: { code: 'component.error', message: 'connect ECONNREFUSED' } }),
  ];
  api.listRuns = async () => ({ runs: [failed, succeeded] });
  api.getRun = async (correlationId) => (correlationId === failed.correlationId ? failed : succeeded);
  api.queryLogs = async (query = {}) => ({ records: records.filter((r) => r.correlationId === query.correlationId) });
  render(
    <WidgetRoot api={api as never} catalogues={designerCatalogues}>
      <Designer flowId="flow-1" api={api} autosaveDelayMs={20} {...(run ? { run } : {})} />
    </WidgetRoot>,
  );
  return api;
}

describe('when a person opens a past run of the flow', () => {
  it("lists the flow's runs and shows the chosen one's data on each node and in the inspector", async () => {
    openWith();
    await screen.findByText('Order in', { selector: '.wd-node__title' });
    fireEvent.click(screen.getByRole('button', { name: 'Runs' }));
    const panel = await screen.findByRole('region', { name: 'Recent runs of this flow' });
    const rows = await within(panel).findAllByRole('listitem');
    expect(rows.map((row) => row.getAttribute('data-status'))).toEqual(['failed', 'succeeded']);
    expect(within(rows[0]!).getByText('send: connect ECONNREFUSED')).toBeTruthy();
    fireEvent.click(within(rows[0]!).getByRole('button', { name: /^Show the run of .* on the canvas$/ }));
    expect(await screen.findByTitle('Test data: 1 in, 1 out')).toBeTruthy();
    expect(screen.getByTitle('Test data: 0 in, 1 out')).toBeTruthy();
    const banner = screen.getByText(/Showing the run of/).closest('.wd-past-run')!;
    expect(banner.getAttribute('data-status')).toBe('failed');
    fireEvent.click(screen.getByText('Notify shop'));
    fireEvent.click(screen.getByRole('tab', { name: 'Test data' }));
    expect(screen.getByText(/shop\.example/)).toBeTruthy();
    fireEvent.click(within(banner as HTMLElement).getByRole('button', { name: 'Close run' }));
    expect(screen.queryByTitle('Test data: 1 in, 1 out')).toBeNull();
  });

  it('opens the run the host names with the run option once the flow is loaded', async () => {
    openWith('run-failed');
    expect(await screen.findByTitle('Test data: 1 in, 1 out')).toBeTruthy();
    expect(screen.getByText(/Showing the run of/)).toBeTruthy();
  });
});
