/** @module MQTT connections: client options from the account, readable broker errors, shared publisher clients. */
import type { IClientOptions, MqttClient } from 'mqtt';
import type { AccountAuth } from '@weft/connector-kit';
import { SharedClients } from '@weft/messaging-kit';

/**
 * mqtt, loaded on the first connection rather than with this package: a process that never talks
 * to a broker (the engine loads every first-party connector at start-up) keeps its heap.
 */
export const mqttClient = (): Promise<typeof import('mqtt')> => import('mqtt');

/** URL and client options (user, password) from the account, or a sentence saying what to fix. */
export function brokerOf(auth: AccountAuth | undefined): { url: string; options: IClientOptions } {
  const url = auth?.fields.url?.trim();
  if (!url) throw new Error('Choose an MQTT account (its broker URL, e.g. mqtt://host:1883) in the component\'s "Account" property.');
  if (!/^(mqtts?|wss?|tcp|ssl):\/\//.test(url)) throw new Error('The account\'s broker URL must start with mqtt://, mqtts://, ws:// or wss://.');
  const username = auth?.fields.username?.trim();
  const password = auth?.fields.password;
  return {
    url,
    options: {
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
      // The engine reconnects a listener itself (with a growing pause); a client that retries forever would hide the failure.
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      protocolVersion: 5,
    },
  };
}

/** Rewords the broker's refusals people meet most. */
export function explainMqttError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/Not authorized|Bad User Name or Password|code 13[45]|code [45]\b/i.test(message)) return new Error(`The broker refused the account's user (${message}); check the user name and password.`);
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|connack timeout/i.test(message)) return new Error(`Cannot reach the MQTT broker (${message}); check the broker URL's host and port.`);
  return error instanceof Error ? error : new Error(message);
}

/** Publisher clients by account (URL and user), closed after 30 s unused. */
export const publishers = new SharedClients<MqttClient>(
  async (key) => {
    const { url, options } = JSON.parse(key) as { url: string; options: IClientOptions };
    const client = await (await mqttClient()).connectAsync(url, options).catch((error: unknown) => {
      throw explainMqttError(error);
    });
    client.on('error', () => {});
    return client;
  },
  async (client) => client.endAsync(),
  30_000,
  (client) => client.connected,
);
