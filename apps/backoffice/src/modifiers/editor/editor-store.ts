/**
 * @module Modifier editor store: one per open editor: the draft, the last saved version, a save
 * conflict, the test run and the save history. Saving never overwrites a newer version silently.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { CreateModifierBody, UpdateModifierBody, isApiError } from '@weft/api-client';
import type { CustomModifier, ModifierArg, ModifierCategory, ModifierTestResult, ModifierVersion } from '@weft/api-client';
import { createStoreContext } from '@weft/ui-kit';
import { ModifierConflictError, type AdminClient } from '../../api/admin-client.ts';
import { describeError, type Loadable } from '../../store/loadable.ts';
import { MODIFIER_TEMPLATE } from '../../monaco/modifier-typings.ts';

export interface ModifierDraft {
  name: string;
  label: string;
  description: string;
  category: ModifierCategory;
  args: ModifierArg[];
  source: string;
}

export type DraftField = 'name' | 'label' | 'description' | 'category' | 'args' | 'source';

/** Where the code is wrong, as Monaco wants it (1-based). */
export interface CodeProblem {
  message: string;
  line: number;
  column: number;
}

export type SaveOutcome = { saved: true; modifier: CustomModifier; created: boolean } | { saved: false };

export type DiffSide = number | 'draft';

export interface EditorState {
  isNew: boolean;
  load: Loadable<CustomModifier>;
  /** The version the draft was started from; undefined while creating. */
  base: CustomModifier | undefined;
  draft: ModifierDraft;
  fieldErrors: Partial<Record<DraftField, string>>;
  isSaving: boolean;
  saveError: string | undefined;
  /** A syntax error the server found on save. */
  saveProblem: CodeProblem | undefined;
  /** The newer version someone else saved; set after a 409. */
  conflict: CustomModifier | undefined;
  panel: 'test' | 'history';
  testValue: string;
  testArgs: string;
  isTesting: boolean;
  testInputError: string | undefined;
  testResult: ModifierTestResult | undefined;
  versions: Loadable<ModifierVersion[]>;
  diff: { from: DiffSide; to: DiffSide };

  loadModifier: (name: string) => Promise<void>;
  edit: (change: Partial<ModifierDraft>) => void;
  setPanel: (panel: 'test' | 'history') => void;
  setTestInput: (change: { value?: string; args?: string }) => void;
  runTest: () => Promise<void>;
  /** `overwrite` saves on top of the conflicting version, after the admin chose to. */
  save: (options?: { overwrite?: boolean }) => Promise<SaveOutcome>;
  /** Replace the draft with the version that won the conflict. */
  takeTheirs: () => void;
  dismissConflict: () => void;
  loadVersions: () => Promise<void>;
  setDiff: (diff: Partial<{ from: DiffSide; to: DiffSide }>) => void;
}

const EMPTY_DRAFT: ModifierDraft = { name: '', label: '', description: '', category: 'custom', args: [], source: MODIFIER_TEMPLATE };

const draftOf = (m: CustomModifier): ModifierDraft => ({
  name: m.name, label: m.label, description: m.description, category: m.category, args: m.args, source: m.source,
});

export function isDirty(state: Pick<EditorState, 'base' | 'draft' | 'isNew'>): boolean {
  if (!state.base) return state.isNew;
  return JSON.stringify(draftOf(state.base)) !== JSON.stringify(state.draft);
}

/** `{ line, column }` from a 400 `modifier.syntax` (details) or a test error. */
function problemOf(error: { message: string; line?: number | undefined; column?: number | undefined }): CodeProblem | undefined {
  return error.line === undefined ? undefined : { message: error.message, line: error.line, column: error.column ?? 1 };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: describeError(error) };
  }
}

export function createEditorStore(admin: AdminClient, name: string | undefined): StoreApi<EditorState> {
  return createStore<EditorState>()((set, get) => ({
    isNew: name === undefined,
    load: name === undefined ? { status: 'idle' } : { status: 'loading' },
    base: undefined,
    draft: EMPTY_DRAFT,
    fieldErrors: {},
    isSaving: false,
    saveError: undefined,
    saveProblem: undefined,
    conflict: undefined,
    panel: 'test',
    testValue: '"Hello Weft"',
    testArgs: '[]',
    isTesting: false,
    testInputError: undefined,
    testResult: undefined,
    versions: { status: 'idle' },
    diff: { from: 'draft', to: 'draft' },

    loadModifier: async (modifierName) => {
      set({ load: { status: 'loading' } });
      try {
        const modifier = await admin.getModifier(modifierName);
        set({ load: { status: 'ready', data: modifier }, base: modifier, draft: draftOf(modifier) });
      } catch (error) {
        set({ load: { status: 'failed', error: describeError(error) } });
      }
    },

    edit: (change) => {
      const fieldErrors = { ...get().fieldErrors };
      for (const key of Object.keys(change) as DraftField[]) delete fieldErrors[key];
      set({ draft: { ...get().draft, ...change }, fieldErrors, ...('source' in change ? { saveProblem: undefined } : {}) });
    },

    setPanel: (panel) => set({ panel }),

    setTestInput: ({ value, args }) => set({ ...(value === undefined ? {} : { testValue: value }), ...(args === undefined ? {} : { testArgs: args }), testInputError: undefined }),

    runTest: async () => {
      const value = parseJson(get().testValue);
      const args = parseJson(get().testArgs);
      if (!value.ok) return set({ testInputError: `value:${value.message}` });
      if (!args.ok) return set({ testInputError: `args:${args.message}` });
      if (!Array.isArray(args.value)) return set({ testInputError: 'args:array' });
      set({ isTesting: true, testInputError: undefined });
      try {
        const result = await admin.testModifier({ source: get().draft.source, args: args.value as unknown[], value: value.value });
        set({ testResult: result });
      } catch (error) {
        set({ testResult: { ok: false, error: { code: isApiError(error) ? error.code : 'request.failed', message: describeError(error) } } });
      } finally {
        set({ isTesting: false });
      }
    },

    save: async ({ overwrite = false } = {}) => {
      const { draft, base, conflict, isNew } = get();
      const checked = isNew
        ? CreateModifierBody.safeParse(draft)
        : UpdateModifierBody.safeParse({ version: (overwrite && conflict ? conflict : base)?.version ?? 0, label: draft.label, description: draft.description, category: draft.category, args: draft.args, source: draft.source });
      if (!checked.success) {
        const fieldErrors: Partial<Record<DraftField, string>> = {};
        for (const issue of checked.error.issues) {
          const field = issue.path[0];
          if (typeof field === 'string' && field in EMPTY_DRAFT) fieldErrors[field as DraftField] ??= issue.message;
        }
        set({ fieldErrors });
        return { saved: false };
      }
      set({ isSaving: true, saveError: undefined, saveProblem: undefined });
      try {
        const modifier = isNew
          ? await admin.createModifier(CreateModifierBody.parse(draft))
          : await admin.updateModifier(draft.name, UpdateModifierBody.parse(checked.data));
        set({ base: modifier, draft: draftOf(modifier), isNew: false, conflict: undefined, load: { status: 'ready', data: modifier } });
        if (get().versions.status !== 'idle') void get().loadVersions();
        return { saved: true, modifier, created: isNew };
      } catch (error) {
        if (error instanceof ModifierConflictError) set({ conflict: error.latest });
        else if (isApiError(error) && error.code === 'modifier.syntax') {
          const details = (error.details ?? {}) as { line?: number; column?: number };
          set({ saveProblem: problemOf({ message: error.message, line: details.line, column: details.column }), saveError: error.message });
        } else if (isApiError(error) && error.path?.startsWith('body.')) {
          const field = error.path.split('.')[1] as DraftField;
          set({ fieldErrors: { ...get().fieldErrors, [field]: error.message }, saveError: error.message });
        } else set({ saveError: describeError(error) });
        return { saved: false };
      } finally {
        set({ isSaving: false });
      }
    },

    takeTheirs: () => {
      const theirs = get().conflict;
      if (theirs) set({ base: theirs, draft: draftOf(theirs), conflict: undefined, load: { status: 'ready', data: theirs } });
    },

    dismissConflict: () => set({ conflict: undefined }),

    loadVersions: async () => {
      const name = get().draft.name;
      const previous = get().versions;
      set({ versions: { status: 'loading', data: previous.status === 'idle' ? undefined : previous.data } });
      try {
        const { items } = await admin.listModifierVersions(name);
        const sorted = [...items].sort((a, b) => a.version - b.version);
        const latest = sorted[sorted.length - 1];
        const before = sorted[sorted.length - 2];
        set({ versions: { status: 'ready', data: sorted } });
        // Start on the last change: the version before the latest against the latest.
        if (previous.status === 'idle' && latest) set({ diff: { from: before?.version ?? latest.version, to: isDirty(get()) ? 'draft' : latest.version } });
      } catch (error) {
        set({ versions: { status: 'failed', error: describeError(error) } });
      }
    },

    setDiff: (diff) => set({ diff: { ...get().diff, ...diff } }),
  }));
}

export { problemOf as codeProblemOf };

export const {
  Provider: EditorStoreProvider,
  useStore: useEditorStore,
  useStoreApi: useEditorStoreApi,
} = createStoreContext<EditorState>('ModifierEditor');
