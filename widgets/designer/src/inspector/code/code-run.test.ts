import { describe, expect, it } from 'vitest';
import { describeRunResult, runCodeBody } from './code-run.ts';

describe('running a JavaScript component on sample input', () => {
  const context = { flowId: 'f1', componentId: 'js' };

  it('sends the sample as the value and the context as the one argument, as the component calls run', () => {
    expect(runCodeBody('function run(i){return i}', '{"a":1}', context)).toEqual({
      ok: true, body: { source: 'function run(i){return i}', entry: 'run', args: [context], value: { a: 1 } },
    });
    expect(runCodeBody('x', '  ', context)).toMatchObject({ ok: true, body: { value: {} } });
  });

  it('refuses sample input that is not JSON', () => {
    expect(runCodeBody('x', '{a', context).ok).toBe(false);
  });

  it('shows the value, or the error with its line', () => {
    expect(describeRunResult({ ok: true, value: { b: 2 }, durationMs: 3, logs: ['hi'] })).toEqual({ ok: true, text: '{\n  "b": 2\n}', durationMs: 3, logs: ['hi'] });
    expect(describeRunResult({ ok: false, error: { code: 'SANDBOX_THROWN', message: 'boom', line: 4 } })).toEqual({ ok: false, text: 'SANDBOX_THROWN: boom', line: 4, logs: [] });
  });
});
