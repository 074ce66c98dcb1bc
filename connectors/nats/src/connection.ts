/** @module NATS connections: options from the account, readable errors, shared publisher connections. */
import type { ConnectionOptions, NatsConnection } from 'nats';
import type { AccountAuth } from '@weft/connector-kit';
import { SharedClients } from '@weft/messaging-kit';

/**
 * nats, loaded on the first connection rather than with this package: a process that never talks
 * to NATS (the engine loads every first-party connector at start-up) keeps its heap.
 */
export const natsClient = (): Promise<typeof import('nats')> => import('nats');

/** Connection options from the account (servers, user and password or token), or a sentence saying what to fix. */
export function serversOf(auth: AccountAuth | undefined): ConnectionOptions & { servers: string[] } {
  const servers = (auth?.fields.servers ?? '').split(',').map((server) => server.trim()).filter((server) => server !== '');
  if (servers.length === 0) throw new Error('Choose a NATS account (its servers, e.g. nats://host:4222) in the component\'s "Account" property.');
  const user = auth?.fields.user?.trim();
  const password = auth?.fields.password;
  const token = auth?.fields.token;
  return {
    servers,
    ...(user ? { user } : {}),
    ...(user && password ? { pass: password } : {}),
    ...(token ? { token } : {}),
    timeout: 10_000,
  };
}

/** Rewords the errors people meet most. */
export function explainNatsError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'AUTHORIZATION_VIOLATION' || /authorization/i.test(message)) return new Error(`The NATS server refused the account's credentials (${message}); check the user and password or the token.`);
  if (code === 'CONNECTION_REFUSED' || /ECONNREFUSED|ENOTFOUND|CONNECTION_REFUSED/.test(message)) return new Error(`Cannot reach the NATS servers (${message}); check the account's servers.`);
  return error instanceof Error ? error : new Error(message);
}

/** Publisher connections by account, closed after 30 s unused. */
export const publishers = new SharedClients<NatsConnection>(
  async (key) => {
    const options = JSON.parse(key) as ConnectionOptions;
    return (await natsClient()).connect({ ...options, name: 'weft publisher' }).catch((error: unknown) => {
      throw explainNatsError(error);
    });
  },
  async (connection) => connection.close(),
  30_000,
  (connection) => !connection.isClosed(),
);
