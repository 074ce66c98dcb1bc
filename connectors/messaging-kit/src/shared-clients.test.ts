import { afterEach, describe, expect, it, vi } from 'vitest';
import { SharedClients } from './shared-clients.ts';

interface Fake {
  id: number;
  isOpen: boolean;
}

function pool(idleMs = 1000) {
  let opened = 0;
  const closed: number[] = [];
  const clients = new SharedClients<Fake>(
    async () => ({ id: ++opened, isOpen: true }),
    async (client) => {
      client.isOpen = false;
      closed.push(client.id);
    },
    idleMs,
    (client) => client.isOpen,
  );
  return { clients, closed, opened: () => opened };
}

describe('shared publisher clients', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('open one client per key and hand the same one out while it works', async () => {
    const { clients, opened } = pool();
    const [a, b] = await Promise.all([clients.use('amqp://one'), clients.use('amqp://one')]);
    expect(a).toBe(b);
    expect(await clients.use('amqp://two')).not.toBe(a);
    expect(opened()).toBe(2);
    await clients.closeAll();
  });

  it('open a new client when the kept one broke', async () => {
    const { clients, opened } = pool();
    const first = await clients.use('k');
    first.isOpen = false;
    const second = await clients.use('k');
    expect(second).not.toBe(first);
    expect(opened()).toBe(2);
    await clients.closeAll();
  });

  it('close a client left unused for the idle time, and open again on the next use', async () => {
    vi.useFakeTimers();
    const { clients, closed, opened } = pool(1000);
    const first = await clients.use('k');
    await vi.advanceTimersByTimeAsync(999);
    expect(closed).toEqual([]);
    await clients.use('k');
    await vi.advanceTimersByTimeAsync(999);
    expect(closed).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(closed).toEqual([first.id]);
    await clients.use('k');
    expect(opened()).toBe(2);
    await clients.closeAll();
  });

  it('forget a client that failed to open, so the next use tries again', async () => {
    let attempts = 0;
    const clients = new SharedClients<string>(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('refused');
      return 'client';
    }, async () => {});
    await expect(clients.use('k')).rejects.toThrow('refused');
    expect(await clients.use('k')).toBe('client');
    await clients.closeAll();
  });
});
