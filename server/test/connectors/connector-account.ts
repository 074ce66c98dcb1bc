/** @module Connector accounts for tests: connects one through `POST /accounts`, as a person does (fields checked, `auth.test` run). */
import { randomUUID } from 'node:crypto';
import { sealAccountSecrets } from '../../src/secrets/index.ts';
import type { TestUser, TestWeft } from '../harness.ts';

/** An account of `connector` (`weft.rabbitmq` …) owned by `user`; returns its id (fails the test on a non-201). */
export async function connectAccount(user: TestUser, connector: string, fields: Record<string, unknown>): Promise<string> {
  const created = await user.call<{ id: string }>('POST', '/accounts', { connector, name: `${connector} test`, fields });
  if (created.status !== 201) throw new Error(`connect account failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id;
}

/**
 * An account of `connector` written straight into the Store, every field sealed, without the API's
 * checks: for credentials the connector's `auth.test` would refuse (a wrong password, a server that
 * is down) so that a test can see what a component does with them.
 */
export async function storeAccount(weft: TestWeft, userId: string, connector: string, fields: Record<string, string>): Promise<string> {
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
