/** @module Live services for the first-party connector tests: reach them, or fail in CI / skip elsewhere with a reason. */
import { connect } from 'node:net';
import { describe, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { ComponentDefinition } from '@weft/connector-kit';
import { sealAccountSecrets } from '../../src/secrets/index.ts';
import type { TestWeft } from '../harness.ts';

/** Resolves to undefined when something listens on host:port, else to why not. */
export function unreachable(host: string, port: number, timeoutMs = 2000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (reason: string | undefined) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error) => done(error.message));
  });
}

/** `describe` when the service answers; in CI an unreachable one fails, elsewhere the suite skips with the reason. */
export function describeWithService(name: string, service: string, why: string | undefined, body: () => void): void {
  if (why === undefined) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it(`reaches ${service} (required in CI)`, () => {
        throw new Error(`${service} is unreachable: ${why}`);
      });
    });
  } else {
    console.warn(`Skipping "${name}": ${service} is unreachable (${why}).`);
    describe.skip(name, () => {
      it(`needs ${service}`, () => undefined);
    });
  }
}

/**
 * A connected account of `connector` for `userId`, stored as the accounts API stores one: the
 * `secret` fields sealed, the others plain.
 */
export async function connectorAccount(weft: TestWeft, userId: string, connector: string, fields: Record<string, string>, secret: readonly string[] = ['password']): Promise<string> {
  const box = weft.weft.secrets;
  if (!box) throw new Error('the test engine has no secret key');
  const id = `acc_${randomUUID().replaceAll('-', '')}`;
  const plain = Object.fromEntries(Object.entries(fields).filter(([name]) => !secret.includes(name)));
  const sealed = Object.fromEntries(Object.entries(fields).filter(([name]) => secret.includes(name)));
  const now = Date.now();
  await weft.weft.engine.store.createAccount({
    id, userId, type: 'custom', connector, name: `${connector} test`, fields: plain, sealed: sealAccountSecrets(box, id, sealed), profile: {}, status: 'valid', createdAt: now, updatedAt: now,
  });
  return id;
}

/** The same component under another name that looks every `tickMs` (its behaviour untouched), so a test need not wait a minute. */
export function fasterTrigger(definition: ComponentDefinition | undefined, name: string, tickMs: number): ComponentDefinition {
  if (!definition) throw new Error(`no component to speed up for ${name}`);
  return { manifest: { ...definition.manifest, name, tick: tickMs }, behaviour: definition.behaviour };
}
