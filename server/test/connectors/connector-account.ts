/** @module Connector accounts for tests: stores an account of a connector with its fields sealed, as the accounts API does. */
import { randomUUID } from 'node:crypto';
import { sealAccountSecrets } from '../../src/secrets/index.ts';
import type { TestWeft } from '../harness.ts';

/** An account of `connector` (`weft.rabbitmq` …) owned by `userId`, every field kept secret; returns its id. */
export async function connectAccount(weft: TestWeft, userId: string, connector: string, fields: Record<string, string>): Promise<string> {
  const box = weft.weft.secrets;
  if (!box) throw new Error('the test engine has no secret keys');
  const id = `acc_${randomUUID().replaceAll('-', '')}`;
  const now = Date.now();
  await weft.weft.engine.store.createAccount({
    id, userId, type: 'custom', connector, name: `${connector} test`, fields: {}, sealed: sealAccountSecrets(box, id, fields),
    profile: {}, status: 'valid', createdAt: now, updatedAt: now,
  });
  return id;
}
