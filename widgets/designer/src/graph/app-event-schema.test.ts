import { describe, expect, it } from 'vitest';
import { Manifest } from '@weft/connector-kit';
import { listAncestorVariables } from './ancestor-variables.ts';
import { descriptorToGraph } from './descriptor-graph.ts';
import { FlowDescriptor } from '@weft/flow';
import { indexNodes } from '../store/graph-slice.ts';
import { APP_EVENT_TYPE } from './app-event-schema.ts';

const appEvent = Manifest.parse({
  name: APP_EVENT_TYPE, label: 'App event', trigger: true,
  outPorts: [{ name: 'out', schema: { type: 'object', properties: { event: { type: 'string' }, data: { type: 'any', title: 'Event data' } } } }],
  properties: { inspector: { inputs: { event: { type: 'select', label: 'Event', source: { name: 'appEvents' } } } } },
});
const log = Manifest.parse({ name: 'weft.utils.Log', label: 'Log', inPorts: [{ name: 'in' }] });
const manifests = { [appEvent.name]: appEvent, [log.name]: log };
const dealWon = { title: 'Deal won', schema: { type: 'object' as const, properties: { amount: { type: 'number' as const, title: 'Amount' }, customer: { type: 'object' as const, properties: { name: { type: 'string' as const } } } } } };

function variablesOf(event: string) {
  const { nodes, edges } = descriptorToGraph(FlowDescriptor.parse({
    trigger: { type: APP_EVENT_TYPE, config: { properties: { event } } },
    log: { type: 'weft.utils.Log', source: { in: { trigger: ['out'] } } },
  }));
  return listAncestorVariables('log', indexNodes(nodes), edges, manifests, { 'deal.won': dealWon }).map((v) => v.expression);
}

describe('when a component follows an AppEvent trigger', () => {
  it('offers the fields of the registered event\'s data', () => {
    expect(variablesOf('deal.won')).toEqual([
      '$.trigger.out', '$.trigger.out.event', '$.trigger.out.data', '$.trigger.out.data.amount', '$.trigger.out.data.customer', '$.trigger.out.data.customer.name',
    ]);
  });

  it('offers only the data as a whole for an event nobody registered', () => {
    expect(variablesOf('invoice.paid')).toEqual(['$.trigger.out', '$.trigger.out.event', '$.trigger.out.data']);
  });
});
