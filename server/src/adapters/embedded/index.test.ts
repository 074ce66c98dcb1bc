import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbedded } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'weft-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openEmbedded', () => {
  it('keeps flows, queued messages and logs in one file across a restart', async () => {
    const file = join(dir, 'weft.sqlite');
    const first = openEmbedded({ file });
    await first.store.setSetting('instance.name', 'Acme');
    await first.bus.publish('messages', [{ id: 'm-1', body: { hello: 'world' } }]);
    await first.logIndex.append([
      { id: 'l-1', time: 1, userId: 'u', flowId: 'f', componentId: 'c', componentType: 't', port: 'p', direction: 'in', severity: 'info', correlationId: 'k', messageId: 'm-1', payload: { hello: 'world' }, truncated: false },
    ]);
    await first.close();
    await first.close();

    const second = openEmbedded({ file, bus: { pollIntervalMs: 50 } });
    try {
      expect(await second.store.getSetting('instance.name')).toBe('Acme');
      expect(await second.bus.depth('messages')).toBe(1);
      expect((await second.logIndex.query({ userId: 'u', q: 'world' })).records.map((r) => r.id)).toEqual(['l-1']);
    } finally {
      await second.close();
    }
  });
});
