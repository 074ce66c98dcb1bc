import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openEmbedded } from './index.ts';
import { openDatabase, type SqliteDatabase } from './open-database.ts';
import { walFramesBehind, WalCheckpoints } from './wal-checkpoints.ts';

/** The worker threads started, by their entry file's name (the real ones, counted). */
const threadsStarted: string[] = [];
vi.mock('../../worker-threads.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../worker-threads.ts')>();
  return {
    ...real,
    startModuleWorker: (...args: Parameters<typeof real.startModuleWorker>) => {
      threadsStarted.push(args[0].pathname.split('/').pop()!);
      return real.startModuleWorker(...args);
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'weft-wal-checkpoints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ~1,500 pages of WAL in one commit: past SQLite's own checkpoint threshold (1,000). */
function writeSixMegabytes(db: SqliteDatabase): void {
  db.exec('CREATE TABLE IF NOT EXISTS blobs (text TEXT)');
  db.prepare('INSERT INTO blobs (text) VALUES (?)').run('x'.repeat(6 * 1024 * 1024));
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('when the shared file has its WAL checkpointed by a thread', () => {
  it('a commit past 1,000 WAL pages returns without copying them into the file', async () => {
    const file = join(dir, 'no-checkpoint-in-commit.sqlite');
    const db = openDatabase(file);
    // The thread looks only once a minute here: whatever is copied within the test, the commit copied.
    const checkpoints = new WalCheckpoints(db, { file, durability: 'normal', pollMs: 60_000, pages: 1000 });
    try {
      writeSixMegabytes(db);
      expect(walFramesBehind(file)).toBeGreaterThan(1000);
    } finally {
      await checkpoints.close();
      db.close();
    }
  });

  it('the thread copies them soon after, and the next commit starts the WAL again', async () => {
    const file = join(dir, 'checkpoint-in-thread.sqlite');
    const db = openDatabase(file);
    const checkpoints = new WalCheckpoints(db, { file, durability: 'normal', pollMs: 10, pages: 1000 });
    try {
      writeSixMegabytes(db);
      await until(() => walFramesBehind(file) === 0);
      db.prepare('INSERT INTO blobs (text) VALUES (?)').run('small');
      expect(walFramesBehind(file)).toBeLessThan(10);
      expect(db.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 2 });
    } finally {
      await checkpoints.close();
      db.close();
    }
  });

  it('openEmbedded checkpoints in its thread and, closed, leaves the file whole and no WAL behind', async () => {
    const file = join(dir, 'embedded.sqlite');
    const embedded = openEmbedded({ file });
    await embedded.store.setSetting('big', 'y'.repeat(6 * 1024 * 1024));
    await until(() => walFramesBehind(file) < 1000);
    await embedded.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = openEmbedded({ file });
    try {
      expect(((await reopened.store.getSetting('big')) as string).length).toBe(6 * 1024 * 1024);
    } finally {
      await reopened.close();
    }
  });

  it('with a threaded log index, checkpoints in the log thread, not in one more thread', async () => {
    const file = join(dir, 'with-logs.sqlite');
    threadsStarted.length = 0;
    const embedded = openEmbedded({ file, logsFile: join(dir, 'with-logs.logs.sqlite') });
    try {
      await embedded.store.setSetting('big', 'z'.repeat(6 * 1024 * 1024));
      await until(() => walFramesBehind(file) < 1000);
      expect(threadsStarted).toEqual(['log-index-worker.ts']);
      await embedded.logIndex.append([]);
    } finally {
      await embedded.close();
    }
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
