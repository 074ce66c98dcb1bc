import { beforeEach, describe, expect, it } from 'vitest';
import { sampleManifests } from '../testing/sample-manifests.ts';
import { createDesignerStore, type DesignerStore } from './create-designer-store.ts';
import { isHostStateKey, readHostState } from './host-state.ts';

let store: DesignerStore;
const s = () => store.getState();

beforeEach(() => {
  store = createDesignerStore();
  s().setManifests(sampleManifests);
  s().loadFlow({ flowId: 'f1', name: 'Flow', stage: 'stopped', version: 1, createdAt: 0, updatedAt: 0, componentCount: 1, flow: { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 } }, webhookBaseUrl: 'https://hooks.example.com/flows/f1/components' });
});

describe('when a host reads the state of a designer', () => {
  it('sees the loaded flow, saved, with nothing selected and no problems', () => {
    expect(readHostState(s())).toEqual({ flowId: 'f1', loadStatus: 'ready', saveStatus: 'idle', isDirty: false, selectedIds: [], problemCount: 0, webhookUrls: { hook: 'https://hooks.example.com/flows/f1/components/hook' } });
  });

  it('sees unsaved edits and the selection, then a clean canvas once saved', () => {
    const id = s().addComponent('weft.utils.timers.Timer', { x: 50, y: 60 })!;
    expect(readHostState(s())).toMatchObject({ isDirty: true, selectedIds: [id] });
    s().setSaveStatus('saving');
    expect(readHostState(s())).toMatchObject({ isDirty: true, saveStatus: 'saving' });
    s().markSaved({ flowId: 'f1', name: 'Flow', stage: 'stopped', version: 2, createdAt: 0, updatedAt: 0, componentCount: 2, flow: {} }, s().revision);
    expect(readHostState(s())).toMatchObject({ isDirty: false, saveStatus: 'saved' });
  });

  it('counts the validation problems of the saved flow', () => {
    s().setProblems([
      { code: 'field.required', message: 'URL is required', path: 'flow.req.config', componentId: 'req' },
      { code: 'flow.no_trigger', message: 'No trigger', path: 'flow' },
    ]);
    expect(readHostState(s()).problemCount).toBe(2);
  });

  it('gets a copy of the selection, so changing it does not change the designer', () => {
    s().addComponent('weft.utils.timers.Timer', { x: 0, y: 0 });
    readHostState(s()).selectedIds.push('hook');
    expect(s().selectedIds).toHaveLength(1);
  });

  it('knows only the documented keys', () => {
    expect(['flowId', 'loadStatus', 'saveStatus', 'isDirty', 'selectedIds', 'problemCount'].every(isHostStateKey)).toBe(true);
    expect(isHostStateKey('nodes')).toBe(false);
    expect(isHostStateKey('revision')).toBe(false);
  });
});

describe('when a host asks where the webhooks answer', () => {
  it('gets the URL of every webhook component, including one just added, and of nothing else', () => {
    const added = s().addComponent('weft.utils.http.Webhook', { x: 0, y: 200 })!;
    s().addComponent('weft.utils.timers.Timer', { x: 0, y: 400 });
    expect(readHostState(s()).webhookUrls).toEqual({
      hook: 'https://hooks.example.com/flows/f1/components/hook',
      [added]: `https://hooks.example.com/flows/f1/components/${added}`,
    });
    expect(isHostStateKey('webhookUrls')).toBe(true);
  });

  it('gets none from an engine that does not publish its webhook address', () => {
    s().loadFlow({ flowId: 'f1', name: 'Flow', stage: 'stopped', version: 1, createdAt: 0, updatedAt: 0, componentCount: 1, flow: { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 } } });
    expect(readHostState(s()).webhookUrls).toEqual({});
  });
});
