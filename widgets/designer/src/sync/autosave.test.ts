import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Flow } from '@weft/api-client';
import { createDesignerStore, type DesignerStore } from '../store/create-designer-store.ts';
import { sampleManifests } from '../testing/sample-manifests.ts';
import { startAutosave, type Autosave } from './autosave.ts';

const flow = (version: number, descriptor: Record<string, unknown>): Flow => ({
  flowId: 'f1', name: 'Flow', stage: 'stopped', version, createdAt: 0, updatedAt: 0, componentCount: Object.keys(descriptor).length, flow: descriptor,
});

/** A fake server that keeps one flow and answers a stale version with 409, like the real API. */
function fakeApi(initial: Flow) {
  let current = initial;
  const puts: { version: number; flow?: Record<string, unknown> }[] = [];
  return {
    puts,
    get current() { return current; },
    /** Someone else saves in another tab. */
    editElsewhere(descriptor: Record<string, unknown>) { current = flow(current.version + 1, descriptor); },
    api: {
      async updateFlow(_id: string, body: { version: number; flow?: Record<string, unknown> }) {
        puts.push(body);
        if (body.version !== current.version) throw Object.assign(new Error('conflict'), { status: 409, current });
        current = flow(current.version + 1, body.flow ?? current.flow);
        return current;
      },
      async validateFlow() { return { valid: true, problems: [] }; },
    },
  };
}

let store: DesignerStore;
let server: ReturnType<typeof fakeApi>;
let autosave: Autosave;
const saved = vi.fn();
const conflicted = vi.fn();

beforeEach(() => {
  vi.useFakeTimers();
  store = createDesignerStore();
  store.getState().setManifests(sampleManifests);
  server = fakeApi(flow(1, { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 } }));
  store.getState().loadFlow(server.current);
  autosave = startAutosave({ store, api: server.api, delayMs: 800, onSaved: saved, onConflict: conflicted });
});
afterEach(() => {
  autosave.stop();
  vi.useRealTimers();
  vi.clearAllMocks();
});

describe('when the person edits the flow', () => {
  it('saves once, 800 ms after the last edit, with the version it was based on', async () => {
    store.getState().renameComponent('hook', 'A');
    await vi.advanceTimersByTimeAsync(500);
    store.getState().renameComponent('hook', 'B');
    await vi.advanceTimersByTimeAsync(799);
    expect(server.puts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.puts).toEqual([{ version: 1, flow: expect.objectContaining({ hook: expect.objectContaining({ label: 'B' }) }) }]);
    expect(store.getState()).toMatchObject({ version: 2, saveStatus: 'saved' });
    expect(saved).toHaveBeenCalledOnce();
  });

  it('does not save after merely opening or selecting', async () => {
    store.getState().select(['hook']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.puts).toHaveLength(0);
  });
});

describe('when someone else saved a newer version meanwhile', () => {
  beforeEach(async () => {
    server.editElsewhere({ theirs: { type: 'weft.utils.timers.Timer', x: 5, y: 5 } });
    store.getState().renameComponent('hook', 'Mine');
    await vi.advanceTimersByTimeAsync(800);
  });

  it('shows the conflict and does not overwrite anything', async () => {
    expect(store.getState()).toMatchObject({ saveStatus: 'conflict', conflict: { version: 2 } });
    expect(conflicted).toHaveBeenCalledOnce();
    store.getState().renameComponent('hook', 'Mine again');
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.puts).toHaveLength(1);
    expect(server.current.flow).toHaveProperty('theirs');
  });

  it('loads theirs on request, dropping my edits', async () => {
    autosave.loadTheirs();
    expect(store.getState().nodes.map((n) => n.id)).toEqual(['theirs']);
    expect(store.getState()).toMatchObject({ version: 2, conflict: undefined });
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.puts).toHaveLength(1);
  });

  it('overwrites with mine on request, against their version', async () => {
    await autosave.overwriteMine();
    expect(server.puts.at(-1)).toMatchObject({ version: 2 });
    expect(server.current.flow).toHaveProperty('hook.label', 'Mine');
    expect(store.getState()).toMatchObject({ version: 3, saveStatus: 'saved', conflict: undefined });
  });
});
