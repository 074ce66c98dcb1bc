import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox, type SandboxResult } from './index.ts';

let sandbox: Sandbox;
beforeAll(() => {
  // Room for the 200-call burst below: one caller's waiting calls are bounded (64 by default).
  sandbox = createSandbox({ workers: 2, queuedPerUser: 256 });
});
afterAll(async () => {
  await sandbox.close();
});

const valueOf = (result: SandboxResult): unknown => {
  if (!result.ok) throw new Error(`expected a value, got ${result.error.code}: ${result.error.message}`);
  return result.value;
};

describe('when a modifier is a plain function', () => {
  it('receives JSON arguments and returns a JSON value', async () => {
    const result = await sandbox.call('function run(v) { return String(v).toUpperCase() }', 'run', ['abc']);
    expect(result).toMatchObject({ ok: true, value: 'ABC', logs: [] });
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('passes every argument, objects and arrays included', async () => {
    const source = 'function run(input, context) { return { sum: input.values.reduce((a, b) => a + b, 0), flow: context.flow, n: arguments.length } }';
    const result = await sandbox.call(source, 'run', [{ values: [1, 2, 3] }, { flow: 'f1' }]);
    expect(valueOf(result)).toEqual({ sum: 6, flow: 'f1', n: 2 });
  });

  it('finds entries declared with const and arrow functions', async () => {
    expect(valueOf(await sandbox.call('const double = (v) => v * 2;', 'double', [21]))).toBe(42);
  });

  it('calls the named entry among several functions', async () => {
    const source = 'function a() { return "a" }\nfunction b() { return "b" }';
    expect(valueOf(await sandbox.call(source, 'b', []))).toBe('b');
    expect(valueOf(await sandbox.call(source, 'a', []))).toBe('a');
  });

  it('returns null for undefined and follows JSON rules inside values', async () => {
    expect(valueOf(await sandbox.call('function run() {}', 'run', []))).toBeNull();
    const source = 'function run() { return { a: undefined, b: [undefined, NaN], c: new Date(0), m: new Map([[1, 2]]) } }';
    expect(valueOf(await sandbox.call(source, 'run', []))).toEqual({ b: [null, null], c: '1970-01-01T00:00:00.000Z', m: {} });
  });

  it('keeps module-level state between calls of the same source (warm context)', async () => {
    const source = 'let calls = 0; function run() { return ++calls }';
    const first = valueOf(await sandbox.call(source, 'run', [])) as number;
    const second = valueOf(await sandbox.call(source, 'run', [])) as number;
    // Two workers may each hold a warm copy; each copy counts on its own.
    expect(first).toBeGreaterThanOrEqual(1);
    expect(second).toBeGreaterThanOrEqual(1);
  });
});

describe('when a modifier is async', () => {
  it('waits for awaited work and returns the resolved value', async () => {
    const source = 'async function run(v) { const x = await Promise.resolve(v); await null; return [x, await Promise.all([1, 2])] }';
    expect(valueOf(await sandbox.call(source, 'run', ['v']))).toEqual(['v', [1, 2]]);
  });

  it('reports a rejection as a thrown error', async () => {
    const result = await sandbox.call('async function run() {\n  await null;\n  throw new TypeError("nope")\n}', 'run', []);
    expect(result).toMatchObject({ ok: false, error: { code: 'SANDBOX_THROWN', message: 'TypeError: nope', line: 3 } });
  });

  it('accepts a returned thenable', async () => {
    expect(valueOf(await sandbox.call('function run() { return { then(r) { r(7) } } }', 'run', []))).toBe(7);
  });
});

describe('when user code throws', () => {
  it('reports the message, line and column', async () => {
    const result = await sandbox.call('function run() {\n  const x = 1;\n  throw new RangeError("out of range: " + x)\n}', 'run', []);
    expect(result).toMatchObject({ ok: false, error: { code: 'SANDBOX_THROWN', message: 'RangeError: out of range: 1', line: 3, column: expect.any(Number) } });
  });

  it('reports runtime type errors with their position', async () => {
    const result = await sandbox.call('function run(v) {\n\n  return v.deep.field\n}', 'run', [{}]);
    expect(result).toMatchObject({ ok: false, error: { code: 'SANDBOX_THROWN', line: 3 } });
    if (!result.ok) expect(result.error.message).toMatch(/^TypeError: /);
  });

  it('reports thrown non-errors as text', async () => {
    const result = await sandbox.call('function run() { throw { reason: "bad" } }', 'run', []);
    expect(result).toMatchObject({ ok: false, error: { code: 'SANDBOX_THROWN', message: '{"reason":"bad"}' } });
    const text = await sandbox.call('function run() { throw "plain" }', 'run', []);
    expect(text).toMatchObject({ ok: false, error: { code: 'SANDBOX_THROWN', message: 'plain' } });
  });

  it('reports errors thrown by top-level code', async () => {
    const result = await sandbox.call('const x = 1;\nnull.boom;\nfunction run() { return 1 }', 'run', []);
    expect(result).toMatchObject({ ok: false, error: { code: 'SANDBOX_THROWN', line: 2 } });
  });

  it('reports a missing entry', async () => {
    const missing = await sandbox.call('function run() {}', 'main', []);
    expect(missing).toMatchObject({ ok: false, error: { code: 'SANDBOX_THROWN' } });
    const notFunction = await sandbox.call('var main = 3', 'main', []);
    expect(notFunction).toMatchObject({ ok: false, error: { code: 'SANDBOX_THROWN', message: 'TypeError: main is not a function' } });
  });

  it('keeps the context usable after an ordinary throw', async () => {
    const source = 'function run(fail) { if (fail) throw new Error("x"); return "fine" }';
    expect((await sandbox.call(source, 'run', [true])).ok).toBe(false);
    expect(valueOf(await sandbox.call(source, 'run', [false]))).toBe('fine');
  });
});

describe('when the source does not parse', () => {
  it('check reports the syntax error with line and column, running nothing', async () => {
    const result = await sandbox.check('function run() {\n  return 1 +;\n}');
    expect(result).toMatchObject({ ok: false, error: { code: 'SANDBOX_SYNTAX', line: 2, column: 13 } });
    const clean = await sandbox.check('while (true) {}\nfunction run() {}');
    expect(clean).toMatchObject({ ok: true, value: null });
  });

  it('call reports SANDBOX_SYNTAX too, but a runtime SyntaxError is a throw', async () => {
    expect(await sandbox.call('function run( {', 'run', [])).toMatchObject({ ok: false, error: { code: 'SANDBOX_SYNTAX', line: 1 } });
    const thrown = await sandbox.call('function run() { return JSON.parse("{") }', 'run', []);
    expect(thrown).toMatchObject({ ok: false, error: { code: 'SANDBOX_THROWN' } });
  });

  it('rejects an entry that is not an identifier', async () => {
    const result = await sandbox.call('function run() {}', 'run()', []);
    expect(result).toMatchObject({ ok: false, error: { code: 'SANDBOX_SYNTAX' } });
  });
});

describe('when user code logs', () => {
  it('captures console output in order, objects as JSON', async () => {
    const source = 'function run() { console.log("a", 1, { b: 2 }); console.error("oops"); console.warn([1]); return 0 }';
    const result = await sandbox.call(source, 'run', []);
    expect(result.logs.map((line) => line.message)).toEqual(['a 1 {"b":2}', 'oops', '[1]']);
  });

  it('gives each line the level of the console method that wrote it', async () => {
    const source = 'function run() { console.log("l"); console.info("i"); console.warn("w"); console.error("e"); console.debug("d"); console.trace("t"); return 0 }';
    const result = await sandbox.call(source, 'run', []);
    expect(result.logs).toEqual([
      { level: 'info', message: 'l' },
      { level: 'info', message: 'i' },
      { level: 'warn', message: 'w' },
      { level: 'error', message: 'e' },
      { level: 'debug', message: 'd' },
      { level: 'debug', message: 't' },
    ]);
  });

  it('keeps logs of a failed call', async () => {
    const result = await sandbox.call('function run() { console.error("before"); throw new Error("x") }', 'run', []);
    expect(result).toMatchObject({ ok: false, logs: [{ level: 'error', message: 'before' }] });
  });
});

describe('when the standard library is used', () => {
  it('Date and Math work', async () => {
    const before = Date.now();
    const value = valueOf(await sandbox.call('function run() { return [Date.now(), Math.max(1, 5), Math.random() < 1, new Date("2020-01-02").getUTCDate()] }', 'run', [])) as number[];
    expect(value[0]).toBeGreaterThanOrEqual(before - 1000);
    expect(value.slice(1)).toEqual([5, true, 2]);
  });

  it('RegExp, JSON, Intl-free string methods work', async () => {
    const value = valueOf(await sandbox.call('function run(s) { return [s.replace(/o/g, "0"), JSON.parse(JSON.stringify({ a: [1] })), s.padStart(7, "*")] }', 'run', ['foo']));
    expect(value).toEqual(['f00', { a: [1] }, '****foo']);
  });
});

describe('when many calls arrive at once', () => {
  it('queues them over the workers and answers each one', async () => {
    const source = 'function run(i) { let s = 0; for (let k = 0; k < 1000; k++) s += k; return i + s }';
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => sandbox.call(source, 'run', [i])));
    expect(results.map(valueOf)).toEqual(Array.from({ length: 200 }, (_, i) => i + 499500));
  });
});

describe('before the first call', () => {
  it('has started no worker thread; the first call starts them all', async () => {
    const own = createSandbox({ workers: 2 });
    try {
      expect(own.threadsStarted).toBe(0);
      expect(await own.check('function run() { return 1 }')).toMatchObject({ ok: true });
      expect(own.threadsStarted).toBe(2);
      expect(valueOf(await own.call('function run() { return 2 }', 'run', []))).toBe(2);
      expect(own.threadsStarted).toBe(2);
    } finally {
      await own.close();
    }
  });

  it('closes without ever starting one', async () => {
    const own = createSandbox({ workers: 2 });
    await own.close();
    expect(own.threadsStarted).toBe(0);
    expect(await own.call('function run() { return 1 }', 'run', [])).toMatchObject({ ok: false, error: { code: 'SANDBOX_CRASHED' } });
  });
});

describe('when the sandbox is closed', () => {
  it('answers later calls with SANDBOX_CRASHED', async () => {
    const own = createSandbox({ workers: 1 });
    expect(valueOf(await own.call('function run() { return 1 }', 'run', []))).toBe(1);
    await own.close();
    expect(await own.call('function run() { return 1 }', 'run', [])).toMatchObject({ ok: false, error: { code: 'SANDBOX_CRASHED' } });
  });
});
