import { describe, expect, it } from 'vitest';
import { AccountPool } from './account-pool.ts';

function fakeDriver() {
  const opened: { fields: Readonly<Record<string, string>>; ended: boolean; end(): Promise<void> }[] = [];
  const pool = new AccountPool((fields) => {
    const connection = { fields, ended: false, async end() { connection.ended = true; } };
    opened.push(connection);
    return connection;
  });
  return { pool, opened };
}

describe('when components use an account pool', () => {
  it('shares one connection per account, and opens a new one (ending the old) when the account changes', async () => {
    const { pool, opened } = fakeDriver();
    await pool.use('acc1', { password: 'a' }, 'flow:one', async () => undefined);
    await pool.use('acc1', { password: 'a' }, 'flow:two', async () => undefined);
    expect(opened).toHaveLength(1);
    await pool.use('acc1', { password: 'b' }, 'flow:one', async () => undefined);
    expect(opened.map((c) => [c.fields.password, c.ended])).toEqual([['a', true], ['b', false]]);
  });

  it('ends a connection when the last component that used it stops, not before', async () => {
    const { pool, opened } = fakeDriver();
    await pool.use('acc1', {}, 'flow:one', async () => undefined);
    await pool.use('acc1', {}, 'flow:two', async () => undefined);
    await pool.release('flow:one');
    expect(opened[0]!.ended).toBe(false);
    await pool.release('flow:two');
    expect(opened[0]!.ended).toBe(true);
    expect(pool.size).toBe(0);
  });

  it('never ends a connection under a running call', async () => {
    const { pool, opened } = fakeDriver();
    let finish = () => {};
    const running = pool.use('acc1', {}, 'flow:one', () => new Promise<void>((resolve) => (finish = resolve)));
    await pool.release('flow:one');
    expect(opened[0]!.ended).toBe(false);
    finish();
    await running;
  });
});
