/** @module The flows of the upgrade fixture: made by make-fixture.ts, exercised by upgrade-in-place.test.ts. */
import { node, reply, WEBHOOK } from '../connectors/flow-builder.ts';

export const ALICE = 'alice@example.com';
export const OPERATOR = 'operator@example.com';
/** The fixture's day: the version of Weft whose files it holds. */
export const FIXTURE_DIR = new URL('./fixture-2026-12-03/', import.meta.url);

const SET = 'weft.utils.transform.Set';
const noWait = { ...node(WEBHOOK), config: { properties: { waitForResponse: false }, transform: {} } };

/** Running: answers `Hello <name>!` through a custom modifier (`shout`) the operator wrote. */
export const greeter = () => ({
  hook: node(WEBHOOK),
  set: node(SET, ['hook.out'], { lambda: { values: { greeting: 'Hello {{{$.hook.out.body.name | shout}}}!' } } }),
  answer: reply('set.out', '{{{$.set.out}}}'),
});

/** Stopped, never started. */
export const draft = () => ({ hook: node(WEBHOOK), set: node(SET, ['hook.out'], { lambda: { values: { draft: true } } }) });

/** Running: its JavaScript throws, so its run was parked as an unprocessed message. */
export const failing = () => ({
  hook: noWait,
  code: node('weft.utils.code.JavaScript', ['hook.out'], { lambda: { order: '{{{$.hook.out.body}}}' }, properties: { code: 'async function run() {\n  throw new Error("the fixture always fails");\n}' } }),
});

/** Running: waits 30 s, so its timer was pending when the fixture was made (and overdue ever since). */
export const later = () => ({
  hook: noWait,
  wait: node('weft.utils.timers.Wait', ['hook.out'], { lambda: { delayMs: 30_000 } }),
  done: node(SET, ['wait.out'], { lambda: { values: { woke: '{{{$.hook.out.body.tag}}}' } } }),
});

/** Running: saves a key in the user's data store, and reads it back. */
export const save = () => ({
  hook: node(WEBHOOK),
  op: node('weft.utils.storage.Set', ['hook.out'], { lambda: { key: '{{{$.hook.out.body.key}}}', value: '{{{$.hook.out.body.value}}}' } }),
  answer: reply('op.out', '{{{$.op.out}}}'),
});
export const lookup = () => ({
  hook: node(WEBHOOK),
  op: node('weft.utils.storage.Get', ['hook.out'], { lambda: { key: '{{{$.hook.out.body.key}}}' } }),
  answer: reply('op.out', '{{{$.op.out}}}'),
});

export const shout = {
  name: 'shout',
  label: 'Shout',
  description: 'Upper-cases a text.',
  args: [],
  source: 'function run(value) {\n  return String(value).toUpperCase();\n}',
};
