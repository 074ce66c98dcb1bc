/** @module Large flow: a realistic n-component descriptor for stories and render benchmarks. */
import type { FlowDescriptor } from '@weft/flow';

const ACTIONS = [
  { type: 'weft.utils.http.Request', label: 'HTTP request', out: 'out', lambda: (from: string) => ({ url: `https://api.example.com/items/{{{$.${from}.out.body.id}}}`, method: 'GET' }) },
  { type: 'weft.utils.controls.Condition', label: 'Condition', out: 'true', lambda: (from: string) => ({ expression: { AND: [{ OR: [{ field: `{{{$.${from}.out.status}}}`, operator: '=', value: '200' }] }] } }) },
  { type: 'weft.chat.messages.Send', label: 'Send chat message', out: 'out', lambda: (from: string) => ({ channel: 'general', text: `Status {{{$.${from}.out.status | toString}}}` }) },
  { type: 'weft.utils.code.Transform', label: 'Code', out: 'out', lambda: () => ({ code: 'return input;' }) },
] as const;

const COLUMN = 260;
const ROW = 140;
const CHAIN = 8;

/**
 * Chains of eight components, each chain started by a trigger, laid out in rows; every component
 * reads a variable of its predecessor, as real flows do. Ids are stable (`c0`, `c1`, …) so
 * benchmarks can address components.
 */
export function generateLargeFlow(n: number): FlowDescriptor {
  const descriptor: FlowDescriptor = {};
  for (let i = 0; i < n; i++) {
    const id = `c${i}`;
    const position = i % CHAIN;
    const row = Math.floor(i / CHAIN);
    const x = position * COLUMN;
    const y = row * ROW;
    if (position === 0) {
      descriptor[id] = { type: i % 16 === 0 ? 'weft.utils.http.Webhook' : 'weft.utils.timers.Timer', label: `Trigger ${row + 1}`, x, y, source: {}, config: { properties: {}, transform: {} } };
      continue;
    }
    const from = `c${i - 1}`;
    const previous = descriptor[from];
    const previousOut = ACTIONS.find((action) => action.type === previous?.type)?.out ?? 'out';
    const action = ACTIONS[(i + row) % ACTIONS.length] ?? ACTIONS[0];
    descriptor[id] = {
      type: action.type,
      label: `${action.label} ${i}`,
      x,
      y,
      source: { in: { [from]: [previousOut] } },
      config: { properties: {}, transform: { in: { [from]: { [previousOut]: { type: 'json2new', lambda: action.lambda(from) } } } } },
    };
  }
  return descriptor;
}
