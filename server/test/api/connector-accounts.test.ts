/**
 * A connector's own accounts: `POST /accounts { connector, name, fields }` checks the fields
 * against the connector's `weft.auth.fields`, seals the `password` ones, runs its `test` and
 * `profile` hooks; the connector's components get every field decrypted as `context.auth`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { makeTarball, packageJson } from '../connector-packages/make-tarball.ts';

const GOOD_TOKEN = 'vault-token-4f9a2c';

/** `acme.vault`: accounts with host (text), port (number), tls (toggle), token (password); Read sends what `context.auth` held. */
function vaultPackage(): Uint8Array {
  const auth = {
    type: 'custom',
    fields: {
      host: { label: 'Host', type: 'text', required: true },
      port: { label: 'Port', type: 'number' },
      tls: { label: 'TLS', type: 'toggle' },
      token: { label: 'Token', type: 'password', required: true },
    },
  };
  const module = `import { accountOptions, defineAuth, defineComponent } from '@weft/connector-kit';
export const auth = defineAuth({
  async test(auth) {
    if (auth.fields.token !== '${GOOD_TOKEN}') throw new Error('the vault refused token ' + auth.fields.token);
    return { profile: { server: auth.fields.host + ':' + auth.fields.port } };
  },
});
export default [
  defineComponent(
    {
      name: 'acme.vault.Read', label: 'Read', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }],
      properties: { schema: { type: 'object', properties: { account: { type: 'string' } } }, inspector: { inputs: { account: { type: 'select', label: 'Account', source: { name: 'accounts' } } } } },
    },
    {
      async receive(context) {
        const { type, fields } = context.auth;
        await context.sendJson({ type, host: fields.host, port: fields.port, tls: fields.tls, tokenLength: fields.token.length, tokenOk: fields.token === '${GOOD_TOKEN}' }, 'out');
      },
      options: accountOptions('acme.vault'),
    },
  ),
];
`;
  return makeTarball([
    { path: 'package/package.json', body: packageJson({ name: 'acme.vault', weft: { auth } }) },
    { path: 'package/src/index.js', body: module },
  ]);
}

function readFlow(accountId: string) {
  return {
    hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
    read: { type: 'acme.vault.Read', x: 1, y: 0, source: { in: { hook: ['out'] } }, config: { properties: { account: accountId } } },
    reply: {
      type: 'weft.utils.http.Response', x: 2, y: 0, source: { in: { read: ['out'] } },
      config: { transform: { in: { read: { out: { type: 'json2new', lambda: { body: '{{{$.read.out}}}' } } } } } },
    },
  };
}

describe('when a user connects an account of a connector that declares its own auth', () => {
  let weft: TestWeft;
  let ada: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft();
    const operator = await weft.operator();
    const installed = await fetch(`${weft.url}/connectors`, {
      method: 'POST', headers: { authorization: `Bearer ${operator.token}`, 'content-type': 'application/gzip' }, body: vaultPackage(),
    });
    expect(installed.status).toBe(201);
    ada = await weft.signup();
  });
  afterAll(async () => {
    await weft.close();
  });

  it('lists the connector among the account types, with the fields its form asks for', async () => {
    const types = await ada.call('GET', '/accounts/types');
    expect(types.status).toBe(200);
    // Beside the first-party connectors' kinds (loaded at start).
    expect(types.body.items).toEqual(expect.arrayContaining([expect.objectContaining({
      connector: 'acme.vault', label: 'Acme CRM', type: 'custom',
      fields: expect.objectContaining({ token: { label: 'Token', type: 'password', required: true }, port: { label: 'Port', type: 'number' } }),
    })]));
  });

  it('checks the fields against the declaration: required, types, unknown names', async () => {
    const missing = await ada.call('POST', '/accounts', { connector: 'acme.vault', name: 'Vault', fields: { host: 'db.local' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'request.invalid', path: 'body.fields.token' });
    expect(missing.body.error.message).toContain('Token is required');
    const wrongType = await ada.call('POST', '/accounts', { connector: 'acme.vault', name: 'Vault', fields: { host: 'db.local', port: 'five', token: GOOD_TOKEN } });
    expect(wrongType.body.error).toMatchObject({ code: 'request.invalid', path: 'body.fields.port' });
    const unknown = await ada.call('POST', '/accounts', { connector: 'acme.vault', name: 'Vault', fields: { host: 'db.local', token: GOOD_TOKEN, password: 'x' } });
    expect(unknown.body.error).toMatchObject({ code: 'request.invalid', path: 'body.fields.password' });
    const noConnector = await ada.call('POST', '/accounts', { connector: 'acme.nothing', name: 'X', fields: {} });
    expect(noConnector.status).toBe(404);
    expect(noConnector.body.error.code).toBe('connector.not_found');
    expect((await ada.call('GET', '/accounts')).body.items).toEqual([]);
  });

  it('refuses credentials its test hook refuses, without echoing the secret, and stores nothing', async () => {
    const refused = await ada.call('POST', '/accounts', { connector: 'acme.vault', name: 'Vault', fields: { host: 'db.local', token: 'wrong-token-77' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('account.test_failed');
    expect(refused.body.error.message).toContain('the vault refused token');
    expect(JSON.stringify(refused.body)).not.toContain('wrong-token-77');
    expect((await ada.call('GET', '/accounts')).body.items).toEqual([]);
  });

  it('stores the password fields sealed and the others plain, with the profile, and lends them all to the component', async () => {
    const created = await ada.call('POST', '/accounts', { connector: 'acme.vault', name: 'Vault', fields: { host: 'db.local', port: 8200, tls: true, token: GOOD_TOKEN } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      connector: 'acme.vault', type: 'custom', name: 'Vault', status: 'valid',
      fields: { host: 'db.local', port: '8200', tls: 'true', token: '••••' }, profile: { server: 'db.local:8200' },
    });
    expect(JSON.stringify((await ada.call('GET', '/accounts')).body)).not.toContain(GOOD_TOKEN);

    // The picker of the connector's component lists it, in one line of the connector's code.
    const options = await ada.call('GET', '/components/acme.vault.Read/options/accounts');
    expect(options.body.items).toEqual([{ label: 'Vault', value: created.body.id }]);
    await ada.call('POST', '/accounts', { type: 'bearer', name: 'Other API', fields: { token: 'bearer-token-123' } });
    expect((await ada.call('GET', '/components/acme.vault.Read/options/accounts')).body.items).toHaveLength(1);

    const flowId = await ada.createFlow(readFlow(created.body.id), 'Vault reader');
    await ada.startFlow(flowId);
    const answer = await fetch(`${weft.url}/flows/${flowId}/components/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await answer.json()).toEqual({ type: 'custom', host: 'db.local', port: '8200', tls: 'true', tokenLength: GOOD_TOKEN.length, tokenOk: true });
    await ada.call('POST', `/flows/${flowId}/stop`);

    // The vault account in an HTTP Request would be misread: the flow does not start.
    const misused = await ada.createFlow({
      hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
      call: {
        type: 'weft.utils.http.Request', x: 1, y: 0, source: { in: { hook: ['out'] } },
        config: { properties: { account: created.body.id }, transform: { in: { hook: { out: { type: 'json2new', lambda: { url: 'http://127.0.0.1:1/' } } } } } },
      },
    }, 'Misused');
    const refused = await ada.call('POST', `/flows/${misused}/start`);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('is for the connector acme.vault');
  });

  it('tests a stored account with the hook, and a reconnect with new values tests again', async () => {
    const created = await ada.call('POST', '/accounts', { connector: 'acme.vault', name: 'Retest', fields: { host: 'a.local', token: GOOD_TOKEN } });
    const id = created.body.id as string;
    const tested = await ada.call('POST', `/accounts/${id}/test`, {});
    expect(tested.body).toMatchObject({ ok: true, account: { status: 'valid' } });
    const refused = await ada.call('PATCH', `/accounts/${id}`, { fields: { token: 'not-the-token' } });
    expect(refused.status).toBe(422);
    const moved = await ada.call('PATCH', `/accounts/${id}`, { fields: { host: 'b.local' } });
    expect(moved.body).toMatchObject({ fields: { host: 'b.local', token: '••••' }, profile: { server: 'b.local:undefined' } });
    const other = await weft.signup();
    expect((await other.call('POST', `/accounts/${id}/test`, {})).status).toBe(404);
  });
});
