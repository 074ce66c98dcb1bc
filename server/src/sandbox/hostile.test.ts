import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox, type SandboxErrorCode, type SandboxLimits, type SandboxResult } from './index.ts';

// Small limits keep every bomb quick on two shared cores.
const BOMB: Partial<SandboxLimits> = { timeoutMs: 100, memoryBytes: 8 * 1024 * 1024 };
// Filling 8 MiB takes QuickJS ~200 ms (the collector runs often near the cap), and many times that
// on a machine busy with other suites: give memory bombs room so they end on the heap cap, not the
// clock. A bomb that works ends on the cap long before; only a broken limit waits for this clock.
const MEMORY_BOMB: Partial<SandboxLimits> = { timeoutMs: 20_000, memoryBytes: 8 * 1024 * 1024 };

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = createSandbox({ workers: 2, limits: BOMB });
});
afterAll(async () => {
  await sandbox.close();
});

const run = (body: string, args: unknown[] = [], limits?: Partial<SandboxLimits>): Promise<SandboxResult> =>
  sandbox.call(`function run(input) {\n${body}\n}`, 'run', args, limits);

async function expectCode(body: string, code: SandboxErrorCode, limits?: Partial<SandboxLimits>): Promise<SandboxResult> {
  const result = await run(body, [], limits);
  expect(result.ok ? 'ok' : result.error.code, result.ok ? JSON.stringify(result.value) : result.error.message).toBe(code);
  return result;
}

async function expectValue(body: string, value: unknown, args: unknown[] = []): Promise<void> {
  const result = await run(body, args);
  expect(result).toMatchObject({ ok: true });
  if (result.ok) expect(result.value).toEqual(value);
}

describe('when user code never stops', () => {
  it('while (true) times out', () => expectCode('while (true) {}', 'SANDBOX_TIMEOUT'));
  it('for (;;) times out', () => expectCode('for (;;) {}', 'SANDBOX_TIMEOUT'));
  it('do … while (1) with work inside times out', () => expectCode('let i = 0; do { i = (i + 1) % 7 } while (1)', 'SANDBOX_TIMEOUT'));
  it('a setter that assigns itself overflows the stack', () =>
    expectCode('const o = { set x(v) { this.x = v } }; o.x = 1;', 'SANDBOX_STACK'));
  it('a Proxy trap that loops times out', () => expectCode('return new Proxy({}, { get() { for (;;) {} } }).anything', 'SANDBOX_TIMEOUT'));
  it('a loop at the top level of the source times out', async () => {
    const result = await sandbox.call('for (;;) {}\nfunction run() { return 1 }', 'run', []);
    expect(result).toMatchObject({ ok: false, error: { code: 'SANDBOX_TIMEOUT' } });
  });
  it('catching the interruption does not help', () =>
    expectCode('for (;;) { try { for (;;) {} } catch (e) {} finally { continue } }', 'SANDBOX_TIMEOUT'));
  it('catastrophic regex backtracking times out', () => expectCode('return /(a+)+$/.test("a".repeat(40) + "b")', 'SANDBOX_TIMEOUT'));
  it('a sort comparator that loops times out', () => expectCode('return [3, 1, 2].sort(() => { for (;;) {} })', 'SANDBOX_TIMEOUT'));
  it('a toJSON that loops while the result is encoded times out', () => expectCode('return { toJSON() { for (;;) {} } }', 'SANDBOX_TIMEOUT'));
  it('a getter that loops while an error is described times out', () =>
    expectCode('throw { get message() { for (;;) {} } }', 'SANDBOX_TIMEOUT'));
});

describe('when user code exhausts memory', () => {
  it('growing an array hits the memory limit', () => expectCode('const a = []; for (;;) a.push([1, 2, 3, 4, 5, 6, 7, 8])', 'SANDBOX_MEMORY', MEMORY_BOMB));
  it('doubling a string hits the memory limit', () => expectCode('let s = "x"; for (;;) { s += s; s.indexOf("y") }', 'SANDBOX_MEMORY', MEMORY_BOMB));
  it('a huge object hits the memory limit', () => expectCode('const o = {}; for (let i = 0; ; i++) o["key" + i] = i', 'SANDBOX_MEMORY', MEMORY_BOMB));
  it('a huge ArrayBuffer hits the memory limit', () => expectCode('return new ArrayBuffer(1e9).byteLength', 'SANDBOX_MEMORY'));
  it('a huge filled array hits the memory limit', () => expectCode('return new Array(1e8).fill(0).length', 'SANDBOX_MEMORY', MEMORY_BOMB));
  it('a huge repeated string hits the memory limit', () => expectCode('return "x".repeat(2 ** 28).length', 'SANDBOX_MEMORY'));
  it('a huge argument does not fit a small heap', async () => {
    const result = await sandbox.call('function run(s) { return s.length }', 'run', ['x'.repeat(4 * 1024 * 1024)], { timeoutMs: 20_000, memoryBytes: 2 * 1024 * 1024 });
    expect(result).toMatchObject({ ok: false, error: { code: 'SANDBOX_MEMORY' } });
  });
  it('catching out-of-memory is harmless and the source keeps working', async () => {
    const source = 'function run(bomb) { if (!bomb) return "fine"; try { const a = []; for (;;) a.push(new Array(64).fill(1)) } catch (e) { return "caught" } }';
    const bombed = await sandbox.call(source, 'run', [true], MEMORY_BOMB);
    expect(bombed.ok ? bombed.value : bombed.error.code).toMatch(/^(caught|SANDBOX_MEMORY)$/);
    expect(await sandbox.call(source, 'run', [false])).toMatchObject({ ok: true, value: 'fine' });
  });
});

describe('when user code recurses or nests too deeply', () => {
  it('unbounded recursion overflows the stack', () => expectCode('function f() { return f() + 1 } return f()', 'SANDBOX_STACK'));
  it('mutual recursion overflows the stack', () => expectCode('function a(n) { return b(n) } function b(n) { return a(n) } return a(1)', 'SANDBOX_STACK'));
  it('recursion the user catches is harmless', () =>
    expectValue('let d = 0; function f() { d++; f() } try { f() } catch (e) { return d > 100 }', true));
  it('deeply nested input is refused before it reaches a worker', async () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(await run('return 1', [deep])).toMatchObject({ ok: false, error: { code: 'SANDBOX_STACK' } });
  });
  it('moderately nested input is fine', async () => {
    let deep: unknown = 0;
    for (let i = 0; i < 500; i++) deep = [deep];
    await expectValue('let d = 0; while (Array.isArray(input)) { input = input[0]; d++ } return d', 500, [deep]);
  });
  it('deeply nested output is refused', () =>
    expectCode('let o = {}; for (let i = 0; i < 20000; i++) o = { o }; return o', 'SANDBOX_STACK', { timeoutMs: 3000 }));
  it('parsing a nesting bomb inside the sandbox overflows the stack', () => expectCode('return JSON.parse("[".repeat(1e6))', 'SANDBOX_STACK'));
});

describe('when user code floods its output', () => {
  it('a huge string result is refused', () => expectCode('return "x".repeat(2e6)', 'SANDBOX_OUTPUT_TOO_LARGE', { timeoutMs: 20_000, memoryBytes: 32 * 1024 * 1024 }));
  it('the limit counts UTF-8 bytes, not characters', async () => {
    const result = await run('return "é".repeat(600)', [], { maxOutputBytes: 1000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'SANDBOX_OUTPUT_TOO_LARGE' } });
    expect(await run('return "e".repeat(600)', [], { maxOutputBytes: 1000 })).toMatchObject({ ok: true });
  });
  it('console.log spam is bounded', async () => {
    const result = await expectCode('for (;;) console.log("spam", Math.random())', 'SANDBOX_TIMEOUT');
    expect(result.logs.length).toBeLessThanOrEqual(101);
    expect(result.logs.at(-1)).toMatchObject({ level: 'warn', message: expect.stringMatching(/more log lines dropped/) });
  });
  it('one giant log line is truncated', async () => {
    const result = await run('console.log("y".repeat(1e6)); return 1');
    expect(result.ok).toBe(true);
    expect(result.logs[0]!.message.length).toBeLessThanOrEqual(1001);
  });
});

describe('when user code tries to choose the level of its log lines', () => {
  const levelsOf = async (body: string): Promise<string[]> => {
    const result = await run(`${body}\nreturn 0`);
    expect(result.ok).toBe(true);
    return result.logs.map((line) => `${line.level} ${line.message}`);
  };
  it('a level named in the arguments is only text', async () => {
    expect(await levelsOf('console.log("error", "x"); console.info({ level: "error" }); console.debug("warn")')).toEqual([
      'info error x', 'info {"level":"error"}', 'debug warn',
    ]);
  });
  it('a line that opens with a level letter keeps its letter and its own level', async () => {
    expect(await levelsOf('console.log("e"); console.log("wat"); console.error("d"); console.log("")')).toEqual(['info e', 'info wat', 'error d', 'info ']);
  });
  it('calling a method with another this, or through another name, keeps its level', async () => {
    expect(await levelsOf('const { warn } = console; warn("w"); console.log.call({ level: 3 }, "l"); console.error = console.log; console.error("e")')).toEqual([
      'warn w', 'info l', 'info e',
    ]);
  });
  it('replacing the intrinsics the prelude captured does not change a level', async () => {
    expect(await levelsOf('Reflect.apply = () => 3; Number.prototype.valueOf = () => 3; String.prototype.slice = () => "e"; console.log("plain")')).toEqual([
      'info plain',
    ]);
  });
  it('a toString that logs files each line at its own method\'s level', async () => {
    expect(await levelsOf('console.debug({ toJSON() { console.error("inner"); return "outer" } })')).toEqual(['error inner', 'debug "outer"']);
  });
});

describe('when user code returns what JSON cannot carry', () => {
  it('a function is a bad result', () => expectCode('return () => 1', 'SANDBOX_BAD_RESULT'));
  it('a symbol is a bad result', () => expectCode('return Symbol("s")', 'SANDBOX_BAD_RESULT'));
  it('a function inside an object is a bad result', () => expectCode('return { a: [1, { f() {} }] }', 'SANDBOX_BAD_RESULT'));
  it('a cyclic object is a bad result', () => expectCode('const a = { b: {} }; a.b.a = a; return a', 'SANDBOX_BAD_RESULT'));
  it('a BigInt is a bad result', () => expectCode('return { n: 10n }', 'SANDBOX_BAD_RESULT'));
  it('a throwing toJSON is a bad result', () => expectCode('return { toJSON() { throw new Error("no") } }', 'SANDBOX_BAD_RESULT'));
  it('an async function resolving to a function is a bad result', () => expectCode('return (async () => () => 1)()', 'SANDBOX_BAD_RESULT'));
});

describe('when user code tries to reach the host', () => {
  it('this.constructor.constructor("return process")() finds no process', async () => {
    const result = await expectCode('return this.constructor.constructor("return process")()', 'SANDBOX_THROWN');
    if (!result.ok) expect(result.error.message).toMatch(/^ReferenceError: .*process.* is not defined$/);
    await expectValue('return [this.constructor.constructor("return typeof process")(), this === globalThis]', ['undefined', true]);
  });
  it('the Function constructor reached through an error stays inside', () =>
    expectValue('try { null.x } catch (e) { return e.constructor.constructor("return [typeof require, typeof process, typeof global]")() }', ['undefined', 'undefined', 'undefined']));
  it('Function("return this")() is the sandbox global, without host objects', () =>
    expectValue('const g = Function("return this")(); return [g === globalThis, typeof g.process, typeof g.require, typeof g.Buffer]', [true, 'undefined', 'undefined', 'undefined']));
  it('host globals are absent', () =>
    expectValue(
      'return [typeof process, typeof require, typeof module, typeof exports, typeof Buffer, typeof setTimeout, typeof setInterval, typeof fetch, typeof XMLHttpRequest, typeof WebAssembly, typeof postMessage, typeof self, typeof std, typeof os]',
      Array.from({ length: 14 }, () => 'undefined'),
    ));
  it('eval inside the sandbox stays inside', () => expectValue('return eval("typeof process + typeof require")', 'undefinedundefined'));
  it('dynamic import() cannot load modules', async () => {
    const result = await run('return import("fs")');
    expect(result).toMatchObject({ ok: false, error: { code: 'SANDBOX_THROWN' } });
    if (!result.ok) expect(result.error.message).toMatch(/could not load module/);
  });
  it('static import is a syntax error in a script', async () => {
    expect(await sandbox.call('import fs from "fs";\nfunction run() {}', 'run', [])).toMatchObject({ ok: false, error: { code: 'SANDBOX_SYNTAX' } });
  });
  it('the arguments are copies: the callee cannot reach caller objects', async () => {
    const input = { list: [1, 2] };
    await expectValue('input.list.push(3); input.extra = true; return input', { list: [1, 2, 3], extra: true }, [input]);
    expect(input).toEqual({ list: [1, 2] });
  });
});

describe('when user code pollutes prototypes', () => {
  it('Object.prototype pollution inside does not reach the host', async () => {
    await expectValue('Object.prototype.polluted = 1; Array.prototype.evil = 2; return ({}).polluted', 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).evil).toBeUndefined();
  });
  it('a returned __proto__ key stays an own property on the host', async () => {
    const result = await run('return JSON.parse(\'{"__proto__": {"polluted": 1}, "a": 1}\')');
    expect(result.ok).toBe(true);
    if (result.ok) expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('pollution does not leak into another source', async () => {
    await run('Object.prototype.leak = "yes"; return 1');
    expect(await sandbox.call('function other() { return ({}).leak === undefined }', 'other', [])).toMatchObject({ ok: true, value: true });
  });
  it('replacing JSON, Reflect and Promise does not change how results are encoded', () =>
    expectValue(
      'JSON.stringify = () => "\\"hacked\\""; JSON.parse = () => ["hacked"]; Reflect.apply = () => "hacked"; Promise.prototype.then = function () { return "hacked" }; return { fine: true }',
      { fine: true },
    ));
  it('an Array.prototype index setter only sabotages its own result', async () => {
    // QuickJS's JSON.stringify builds internal arrays that the setter intercepts: the user breaks
    // their own encoding (BAD_RESULT), nothing else.
    await expectCode('Object.defineProperty(Array.prototype, "0", { set() { throw new Error("trap") }, configurable: true }); return { a: { b: [1] } }', 'SANDBOX_BAD_RESULT');
    expect(await sandbox.call('function other() { return [[1], [2]] }', 'other', [])).toMatchObject({ ok: true, value: [[1], [2]] });
  });
  it('a promise with a hostile species only fails its own call', () =>
    expectCode('const p = (async () => 5)(); p.constructor = { [Symbol.species]: function () {} }; return p', 'SANDBOX_THROWN'));
});

describe('when async code never finishes', () => {
  it('a promise that never resolves times out', () => expectCode('return new Promise(() => {})', 'SANDBOX_TIMEOUT'));
  it('a thenable that never calls back times out', () => expectCode('return { then() {} }', 'SANDBOX_TIMEOUT'));
  it('a promise chain that loops forever times out', () =>
    expectCode('const loop = () => Promise.resolve().then(loop); return loop()', 'SANDBOX_TIMEOUT'));
  it('an await loop times out', () => expectCode('return (async () => { for (;;) await null })()', 'SANDBOX_TIMEOUT'));
  it('fire-and-forget microtasks that loop time the call out', () =>
    expectCode('(function again() { Promise.resolve().then(again) })(); return 1', 'SANDBOX_TIMEOUT'));
});

describe('when a context was poisoned', () => {
  it('after a timeout the next call starts from a fresh context', async () => {
    const source = 'let calls = 0; function run(hang) { calls++; if (hang) for (;;) {} return calls }';
    const pool = createSandbox({ workers: 1, limits: BOMB });
    try {
      expect(await pool.call(source, 'run', [false])).toMatchObject({ value: 1 });
      expect(await pool.call(source, 'run', [false])).toMatchObject({ value: 2 });
      expect(await pool.call(source, 'run', [true])).toMatchObject({ ok: false, error: { code: 'SANDBOX_TIMEOUT' } });
      expect(await pool.call(source, 'run', [false])).toMatchObject({ value: 1 });
    } finally {
      await pool.close();
    }
  });
  it('after a memory error the next call works', async () => {
    const source = 'const keep = []; function run(bomb) { if (bomb) for (;;) keep.push(new Array(100).fill(0)); return keep.length }';
    expect(await sandbox.call(source, 'run', [true], MEMORY_BOMB)).toMatchObject({ ok: false, error: { code: 'SANDBOX_MEMORY' } });
    expect(await sandbox.call(source, 'run', [false])).toMatchObject({ ok: true, value: 0 });
  });
});

describe('when bombs keep coming', () => {
  it('300 bombs with normal calls interleaved: normal calls stay correct and the pool healthy', async () => {
    const bombs = [
      'for (;;) {}',
      'const a = []; for (;;) a.push([1, 2, 3, 4])',
      'return new Promise(() => {})',
      'let s = "ab"; for (;;) { s += s; s.indexOf("z") }',
      'function f() { return f() } return f()',
      'const loop = () => Promise.resolve().then(loop); return loop()',
    ];
    const limits = { timeoutMs: 50, memoryBytes: 8 * 1024 * 1024 };
    const normal = 'function run(v) { return String(v).toUpperCase() }';
    const pending: Promise<void>[] = [];
    const codes = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const bomb = bombs[i % bombs.length]!;
      pending.push(
        // A fresh source each time: no warm context to lean on.
        sandbox.call(`// bomb ${i}\nfunction run() {\n${bomb}\n}`, 'run', [], limits).then((result) => {
          expect(result.ok).toBe(false);
          if (!result.ok) codes.set(result.error.code, (codes.get(result.error.code) ?? 0) + 1);
        }),
      );
      if (i % 3 === 0) {
        pending.push(
          // A normal call gets a normal budget: on a machine busy with other suites 100 ms is not one.
          sandbox.call(normal, 'run', [`call ${i}`], { timeoutMs: 5000 }).then((result) => {
            expect(result, JSON.stringify(result)).toMatchObject({ ok: true, value: `CALL ${i}` });
          }),
        );
      }
      // Keep a bounded number in flight, like an engine with a prefetch window.
      if (pending.length >= 16) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    expect([...codes.keys()].sort()).toEqual(['SANDBOX_MEMORY', 'SANDBOX_STACK', 'SANDBOX_TIMEOUT']);
    expect([...codes.values()].reduce((a, b) => a + b, 0)).toBe(300);
    const after = await sandbox.call(normal, 'run', ['still fine']);
    expect(after).toMatchObject({ ok: true, value: 'STILL FINE' });
    // Healthy means no call waits behind a wedged worker (deadline + grace, about a second);
    // a tighter bound would measure this shared machine, not the pool.
    expect(after.durationMs).toBeLessThan(1000);
  }, 60_000);
});
