import { describe, expect, it } from 'vitest';
import { isSecretField, isSecretHeader, redact, redactText, REDACTED, restoreRedacted } from './redact.ts';

describe('redact', () => {
  it('hides credential headers inside any headers object, whatever their case', () => {
    const message = {
      headers: {
        Authorization: 'Bearer s3cret', cookie: 'sid=abc', 'Set-Cookie': ['a=1', 'b=2'], 'Proxy-Authorization': 'Basic eDp5',
        'X-Api-Key': 'k', 'x-auth-token': 't', 'x-session': 's', 'content-type': 'application/json', accept: '*/*',
      },
    };
    expect(redact(message)).toEqual({
      headers: {
        Authorization: REDACTED, cookie: REDACTED, 'Set-Cookie': REDACTED, 'Proxy-Authorization': REDACTED,
        'X-Api-Key': REDACTED, 'x-auth-token': REDACTED, 'x-session': REDACTED, 'content-type': 'application/json', accept: '*/*',
      },
    });
  });

  it('hides fields named like secrets at any depth and keeps the rest', () => {
    const body = {
      user: { name: 'Ann', password: 'hunter2', author: 'Bob', keyboard: 'qwerty', tokenCount: 3 },
      list: [{ apiKey: 'a', api_key: 'b', accessToken: 'c', refresh_token: 'd', clientSecret: 'e', privateKey: 'f', 'x-api-key': 'g' }],
      secret: { nested: 'whole object hidden' },
      token: '',
    };
    expect(redact(body)).toEqual({
      user: { name: 'Ann', password: REDACTED, author: 'Bob', keyboard: 'qwerty', tokenCount: 3 },
      list: [{ apiKey: REDACTED, api_key: REDACTED, accessToken: REDACTED, refresh_token: REDACTED, clientSecret: REDACTED, privateKey: REDACTED, 'x-api-key': REDACTED }],
      secret: REDACTED,
      token: '',
    });
  });

  it('never changes its input and shares the parts with nothing to hide', () => {
    const clean = { a: [1, 2, { b: 'text' }] };
    const input = { clean, dirty: { password: 'p' } };
    const output = redact(input);
    expect(input.dirty.password).toBe('p');
    expect(output.clean).toBe(clean);
    expect(redact(clean)).toBe(clean);
  });

  it('hides credentials written inside text', () => {
    expect(redactText('GET https://ann:hunter2@api.example.com/x?api_key=abc123&page=2 failed')).toBe(`GET https://ann:${REDACTED}@api.example.com/x?api_key=${REDACTED}&page=2 failed`);
    expect(redactText('sent Authorization: Bearer eyJhbGciOi.abc.def')).toBe(`sent Authorization: Bearer ${REDACTED}`);
    expect(redactText('Basic dXNlcjpwYXNz was refused')).toBe(`Basic ${REDACTED} was refused`);
    expect(redactText('{"user":"ann","password":"hunter2"}')).toBe(`{"user":"ann","password":"${REDACTED}"}`);
    expect(redactText('Basic Authentication failed for http://api.example.com:8080/a@b')).toBe('Basic Authentication failed for http://api.example.com:8080/a@b');
  });

  it('replaces what is too deep to check instead of throwing', () => {
    let deep: unknown = { password: 'p' };
    for (let i = 0; i < 10_000; i++) deep = { next: deep };
    expect(JSON.stringify(redact(deep))).not.toContain('"p"');
  });

  it('names secret headers and fields', () => {
    for (const name of ['Authorization', 'Cookie', 'Set-Cookie', 'X-Api-Key', 'X-Auth-Token', 'X-Session-Id', 'X-Client-Secret', 'X-Password']) expect(isSecretHeader(name)).toBe(true);
    for (const name of ['Content-Type', 'Accept', 'User-Agent', 'Keep-Alive']) expect(isSecretHeader(name)).toBe(false);
    for (const name of ['password', 'secret', 'token', 'apiKey', 'api_key', 'accessToken', 'refreshToken', 'clientSecret', 'privateKey', 'db_password', 'sessionId']) expect(isSecretField(name)).toBe(true);
    for (const name of ['author', 'key', 'name', 'tokenCount', 'headers', 'monkey']) expect(isSecretField(name)).toBe(false);
  });
});

describe('restoreRedacted', () => {
  it('puts the original value back wherever an edit kept "[redacted]"', () => {
    const original = { headers: { authorization: 'Bearer s3cret', accept: 'x' }, body: { password: 'hunter2', list: [{ token: 't' }] } };
    const edited = { headers: { authorization: REDACTED, accept: 'y' }, body: { password: REDACTED, list: [{ token: REDACTED }], added: REDACTED } };
    expect(restoreRedacted(edited, original)).toEqual({
      headers: { authorization: 'Bearer s3cret', accept: 'y' }, body: { password: 'hunter2', list: [{ token: 't' }], added: REDACTED },
    });
  });
});
