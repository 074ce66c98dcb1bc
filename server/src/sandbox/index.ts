/**
 * @module Sandbox: runs hostile user code (custom modifiers, the code component, expressions) in
 * QuickJS/WASM inside worker threads. JSON in, JSON out; no host objects, network, files or timers.
 *
 *   const sandbox = createSandbox();
 *   const result = await sandbox.call('function run(v) { return v * 2 }', 'run', [21]);
 *   if (result.ok) console.log(result.value); // 42
 */

// The pool and its options
export { createSandbox, type Sandbox, type SandboxOptions } from './pool.ts';
// Limits applied to each call
export { DEFAULT_LIMITS, type SandboxLimits } from './limits.ts';
// What a call returns
export type { SandboxError, SandboxErrorCode, SandboxLogLevel, SandboxLogLine, SandboxResult } from './result.ts';
