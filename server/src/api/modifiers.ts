/** @module Modifier routes: list built-in and custom modifiers; admins write custom ones; anyone may test code in the sandbox (rate-limited per user). */
import { Hono, type MiddlewareHandler } from 'hono';
import { CreateModifierBody, TestModifierBody, UpdateModifierBody, type ModifierInfo, type ModifierTestResult } from '@weft/api-client';
import { WeftError } from '@weft/connector-kit';
import { builtinModifiers } from '@weft/variables';
import type { Sandbox } from '../sandbox/index.ts';
import type { Engine } from '../engine/engine.ts';
import type { ModifierRecord } from '../ports/store.ts';
import type { ApiEnv } from './app-env.ts';
import { readBody } from './validate-request.ts';

const builtinNames = new Set(builtinModifiers.map((def) => def.name));

/** Refuses anyone but an admin with 403 `auth.forbidden`; sits behind `requireUser`. */
export const requireAdmin: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (c.get('user').role !== 'admin') throw new WeftError('auth.forbidden', 'Only an administrator may do this.', { status: 403, retry: 'never' });
  await next();
};

export function modifierBody(record: ModifierRecord) {
  return { ...record, custom: true as const };
}

function modifierNotFound(name: string): WeftError {
  return new WeftError('modifier.not_found', `No custom modifier "${name}" here.`, { status: 404, retry: 'never' });
}

export interface ModifierRouteOptions {
  /** Runs of user code by `POST /modifiers/test` per user per minute. */
  testsPerMinute: number;
}

const TEST_WINDOW_MS = 60_000;

/** The sandbox refused to queue more of this user's calls: enough of them already wait their turn. */
function sandboxBusy(): WeftError {
  return new WeftError('sandbox.busy', 'Too many of your calls are waiting for the sandbox; try again in a moment.', { status: 429, retry: 'retry' });
}

export function modifierRoutes(engine: Engine, sandbox: Pick<Sandbox, 'check' | 'call'>, options: ModifierRouteOptions = { testsPerMinute: 30 }) {
  const { store } = engine;

  /** A source that does not compile is refused with its line and column. */
  const assertCompiles = async (source: string, userId: string): Promise<void> => {
    const checked = await sandbox.check(source, userId);
    if (checked.ok) return;
    if (checked.error.code === 'SANDBOX_BUSY') throw sandboxBusy();
    const { code, message, line, column } = checked.error;
    if (code !== 'SANDBOX_SYNTAX') throw new WeftError('modifier.check_failed', `The source could not be checked: ${message}`, { status: 400, path: 'body.source', retry: 'never' });
    const where = line === undefined ? '' : ` at line ${line}${column === undefined ? '' : `, column ${column}`}`;
    throw new WeftError('modifier.syntax', `The source does not compile${where}: ${message}`, {
      status: 400, path: 'body.source', retry: 'never', details: { ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }) },
    });
  };

  /** Put a saved version in force here at once, and tell other processes to reload. */
  const publish = async (record: ModifierRecord): Promise<void> => {
    engine.customModifiers?.apply(record);
    await engine.customModifiers?.announce();
  };

  return new Hono<ApiEnv>()
    .get('/', async (c) => {
      const builtins: ModifierInfo[] = builtinModifiers.map(({ name, label, category, description, args, examples }) => ({
        name, label, category, description, args, examples, custom: false,
      }));
      const custom = (await store.listModifiers()).map((record) => {
        const { name, label, description, args, examples, version } = modifierBody(record);
        return { name, label, category: record.category, description, args, examples, custom: true, version } as ModifierInfo;
      });
      return c.json({ items: [...builtins, ...custom] });
    })
    .post('/test', async (c) => {
      const body = await readBody(c, TestModifierBody);
      let source: string;
      let entry = 'run';
      if ('source' in body) {
        source = body.source;
        entry = body.entry;
      } else {
        const saved = await store.getModifier(body.name);
        if (!saved) {
          const builtin = builtinNames.has(body.name) ? engine.modifiers.get(body.name) : undefined;
          if (!builtin) throw modifierNotFound(body.name);
          return c.json(await runBuiltin(() => builtin.run(body.value, ...body.args)));
        }
        source = saved.source;
      }
      // Built-in modifiers above cost nothing; running user code is counted, per user.
      const userId = c.get('user').id;
      const quota = await store.takeQuota(`modifiers.test:${userId}`, options.testsPerMinute, TEST_WINDOW_MS, engine.now());
      if (!quota.ok) {
        const seconds = Math.max(1, Math.ceil(quota.retryAfterMs / 1000));
        c.header('Retry-After', String(seconds));
        throw new WeftError('modifiers.rate_limited', `You ran code here ${options.testsPerMinute} times in the last minute; try again in ${seconds} s.`, {
          status: 429, retry: 'retry', details: { retryAfterMs: quota.retryAfterMs },
        });
      }
      const result = await sandbox.call(source, entry, [body.value ?? null, ...body.args], engine.settings.sandbox, userId);
      if (!result.ok && result.error.code === 'SANDBOX_BUSY') {
        c.header('Retry-After', '1');
        throw sandboxBusy();
      }
      // The response keeps its lines as plain strings, as embedders' test panels read them.
      const logs = result.logs.map((line) => line.message);
      const answer: ModifierTestResult = result.ok
        ? { ok: true, value: result.value, durationMs: result.durationMs, logs }
        : { ok: false, error: result.error, durationMs: result.durationMs, logs };
      return c.json(answer);
    })
    .post('/', requireAdmin, async (c) => {
      const body = await readBody(c, CreateModifierBody);
      if (builtinNames.has(body.name)) {
        throw new WeftError('modifier.exists', `"${body.name}" is a built-in modifier; choose another name.`, { status: 409, path: 'body.name', retry: 'never' });
      }
      await assertCompiles(body.source, c.get('user').id);
      const saved = await store.saveModifier({ ...body, updatedAt: Date.now(), updatedBy: c.get('user').id }, 0);
      if (!saved.ok) throw new WeftError('modifier.exists', `A custom modifier "${body.name}" already exists; edit it instead.`, { status: 409, path: 'body.name', retry: 'never' });
      await publish(saved.modifier);
      await c.var.audit('modifier.create', { target: { type: 'modifier', id: saved.modifier.name }, tenantId: null, details: { version: saved.modifier.version } });
      return c.json(modifierBody(saved.modifier), 201);
    })
    .get('/:name', async (c) => {
      const record = await store.getModifier(c.req.param('name'));
      if (!record) throw modifierNotFound(c.req.param('name'));
      return c.json(modifierBody(record));
    })
    .get('/:name/versions', async (c) => {
      const versions = await store.listModifierVersions(c.req.param('name'));
      if (versions.length === 0) throw modifierNotFound(c.req.param('name'));
      return c.json({ items: versions.map(({ createdAt: _createdAt, ...version }) => version) });
    })
    .put('/:name', requireAdmin, async (c) => {
      const name = c.req.param('name');
      const { version, ...patch } = await readBody(c, UpdateModifierBody);
      const current = await store.getModifier(name);
      if (!current) throw modifierNotFound(name);
      if (patch.source !== undefined) await assertCompiles(patch.source, c.get('user').id);
      const { version: _version, createdAt: _createdAt, ...rest } = current;
      const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      const saved = await store.saveModifier({ ...rest, ...defined, name, updatedAt: Date.now(), updatedBy: c.get('user').id }, version);
      if (!saved.ok && saved.reason === 'conflict') {
        const message = `Version ${version} is stale: "${name}" is at version ${saved.current.version}. Merge with the current one and save again.`;
        return c.json({ error: { code: 'modifier.conflict', message }, current: modifierBody(saved.current) }, 409);
      }
      if (!saved.ok) throw modifierNotFound(name);
      await publish(saved.modifier);
      await c.var.audit('modifier.update', { target: { type: 'modifier', id: name }, tenantId: null, details: { version: saved.modifier.version, changed: Object.keys(defined) } });
      return c.json(modifierBody(saved.modifier));
    })
    .delete('/:name', requireAdmin, async (c) => {
      const name = c.req.param('name');
      if (!(await store.deleteModifier(name))) throw modifierNotFound(name);
      engine.customModifiers?.remove(name);
      await engine.customModifiers?.announce();
      await c.var.audit('modifier.delete', { target: { type: 'modifier', id: name }, tenantId: null });
      return c.body(null, 204);
    });
}

async function runBuiltin(run: () => unknown): Promise<ModifierTestResult> {
  const started = performance.now();
  try {
    const value = await run();
    return { ok: true, value, durationMs: performance.now() - started, logs: [] };
  } catch (error) {
    return { ok: false, error: { code: 'modifier.failed', message: error instanceof Error ? error.message : String(error) }, durationMs: performance.now() - started, logs: [] };
  }
}
