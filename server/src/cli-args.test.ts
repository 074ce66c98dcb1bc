import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { withSecretValues } from './cli-args.ts';

describe('withSecretValues', () => {
  it('keeps a token or password that begins with "-" as the option\'s value', () => {
    const args = ['publish', 'file.tgz', '--url', 'http://x', '--token', '-AbC_d', '--password', '--secret-'];
    const options = { url: { type: 'string' }, token: { type: 'string' }, password: { type: 'string' } } as const;
    expect(() => parseArgs({ args, allowPositionals: true, strict: true, options })).toThrow(/ambiguous/);
    const { values, positionals } = parseArgs({ args: withSecretValues(args), allowPositionals: true, strict: true, options });
    expect(values).toEqual({ url: 'http://x', token: '-AbC_d', password: '--secret-' });
    expect(positionals).toEqual(['publish', 'file.tgz']);
  });

  it('leaves every other argument as it is', () => {
    expect(withSecretValues(['--out', 'x', '--token=abc', '--force', '--token'])).toEqual(['--out', 'x', '--token=abc', '--force', '--token']);
  });
});
