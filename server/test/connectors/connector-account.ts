/** @module Connector accounts for tests: connects one through `POST /accounts`, as a person does (fields checked, `auth.test` run). */
import type { TestUser } from '../harness.ts';

/** An account of `connector` (`weft.rabbitmq` …) owned by `user`; returns its id (fails the test on a non-201). */
export async function connectAccount(user: TestUser, connector: string, fields: Record<string, unknown>): Promise<string> {
  const created = await user.call<{ id: string }>('POST', '/accounts', { connector, name: `${connector} test`, fields });
  if (created.status !== 201) throw new Error(`connect account failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id;
}
