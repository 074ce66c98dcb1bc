/** @module Prelude: the code each QuickJS context runs before user code (console, call wrapper). */
import type { SandboxLogLevel } from './result.ts';

/** File name given to user code, so stack frames point at the user's own lines. */
export const USER_FILE = 'user.js';

/**
 * Markers opening the string the call wrapper returns. One string crosses the WASM boundary per
 * call: cheaper than building handles, and the host only ever parses JSON it chose to accept.
 */
export const Marker = {
  value: 'v',
  thrown: 't',
  badResult: 'b',
  badInput: 'i',
  tooLarge: 'o',
  tooDeep: 'd',
} as const;

/**
 * Results nest at most this deep. QuickJS's JSON.stringify checks for cycles by scanning the
 * whole ancestor chain, so a 30,000-deep result costs seconds; the cap keeps encoding linear.
 */
export const MAX_RESULT_DEPTH = 1000;

export const MAX_LOG_LINE_CHARS = 1000;

/**
 * The number each console method passes `hostLog` before its line. The prelude holds these as
 * literals and the host maps them back itself (`levelOfCode`), so no value user code passes ever
 * picks a level: the method it called does.
 */
const LevelCode = { debug: 0, info: 1, warn: 2, error: 3 } as const;

/** The level of a code received from the prelude; anything unknown is info. */
export function levelOfCode(code: unknown): SandboxLogLevel {
  switch (code) {
    case LevelCode.debug:
      return 'debug';
    case LevelCode.warn:
      return 'warn';
    case LevelCode.error:
      return 'error';
    default:
      return 'info';
  }
}

/**
 * Evaluates to `function (hostLog) → call(fn, argsJson, maxOutputChars)`. Every intrinsic it uses
 * is captured before user code runs, so user code that replaces `JSON`, `Reflect` or prototypes
 * cannot change how arguments are parsed or results are encoded. `await` (not `.then`) settles
 * async results: it never consults a user-controlled `constructor[Symbol.species]`.
 */
export const PRELUDE_SOURCE = String.raw`(function (hostLog) {
  'use strict';
  var apply = Reflect.apply;
  var parse = JSON.parse, stringify = JSON.stringify;
  var Str = String, slice = String.prototype.slice, exec = RegExp.prototype.exec;
  var where = /user\.js:(\d+):(\d+)/;
  var MAX_LINE = ${MAX_LOG_LINE_CHARS};
  var MAX_MESSAGE = 2000;
  var BAD = {}, badKind = '';
  // Ancestors of the value being encoded. No prototype, so no user-defined index setter runs.
  var path = { __proto__: null }, depth = 0, deepest = 0, MAX_DEPTH = ${MAX_RESULT_DEPTH};

  function cut(s, n) { return s.length > n ? apply(slice, s, [0, n]) + '…' : s; }
  function text(v) {
    if (typeof v === 'string') return v;
    try { var s = stringify(v); if (typeof s === 'string') return s; } catch (e) {}
    try { return Str(v); } catch (e) { return '[unprintable]'; }
  }
  function logAt(level) {
    return function () {
      var line = '';
      for (var i = 0; i < arguments.length && line.length <= MAX_LINE; i++) line += (i ? ' ' : '') + text(arguments[i]);
      hostLog(level, cut(line, MAX_LINE));
    };
  }
  var info = logAt(${LevelCode.info}), debug = logAt(${LevelCode.debug});
  globalThis.console = { log: info, info: info, warn: logAt(${LevelCode.warn}), error: logAt(${LevelCode.error}), debug: debug, trace: debug };

  function describe(e) {
    // QuickJS throws null when it cannot allocate an error: the host decides whether it was that.
    if (e === null) return '{"name":"Thrown","message":"null","isNull":true}';
    var name = 'Error', message = '', at = null;
    try {
      if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
        var n = e.name, m = e.message, st = e.stack;
        if (typeof m === 'string') {
          if (typeof n === 'string') name = n;
          message = m;
        } else {
          name = 'Thrown';
          message = text(e);
        }
        if (typeof st === 'string') at = apply(exec, where, [st]);
      } else {
        name = 'Thrown';
        message = text(e);
      }
    } catch (x) {
      message = 'unprintable thrown value';
    }
    return '{"name":' + stringify(cut(name, 100)) + ',"message":' + stringify(cut(message, MAX_MESSAGE)) +
      (at ? ',"line":' + (+at[1]) + ',"column":' + (+at[2]) : '') + '}';
  }
  function replacer(k, v) {
    var t = typeof v;
    if (t === 'function' || t === 'symbol') { badKind = t; throw BAD; }
    if (t === 'object' && v !== null) {
      // Children are visited depth-first with their parent as 'this': unwind to that parent.
      while (depth > 0 && path[depth - 1] !== this) depth--;
      if (depth >= MAX_DEPTH) { badKind = 'depth'; throw BAD; }
      path[depth++] = v;
      if (depth > deepest) deepest = depth;
    }
    return v;
  }
  function encode(v, maxOut) {
    var s;
    depth = 0;
    try {
      s = stringify(v === undefined ? null : v, replacer);
    } catch (e) {
      if (e === BAD) {
        return badKind === 'depth' ? 'd' + MAX_DEPTH : 'b{"name":"TypeError","message":"result contains a ' + badKind + ', which JSON cannot carry"}';
      }
      return 'b' + describe(e);
    } finally {
      while (deepest > 0) path[--deepest] = undefined;
    }
    return s.length > maxOut ? 'o' + s.length : 'v' + s;
  }
  async function settle(p, maxOut) {
    var v;
    try { v = await p; } catch (e) { return 't' + describe(e); }
    return encode(v, maxOut);
  }
  return function call(fn, argsJson, maxOut) {
    var args, result;
    try { args = parse(argsJson); } catch (e) { return 'i' + describe(e); }
    try { result = apply(fn, undefined, args); } catch (e) { return 't' + describe(e); }
    if (result !== null && typeof result === 'object') {
      var then;
      try { then = result.then; } catch (e) { return 't' + describe(e); }
      if (typeof then === 'function') return settle(result, maxOut);
    }
    return encode(result, maxOut);
  };
})`;
