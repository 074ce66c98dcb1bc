/**
 * @module Monaco API: the editor core with only what the Backoffice edits: JavaScript (with the
 * TypeScript language service) and the editor features. The full `monaco-editor` entry would also
 * bundle ~80 languages and the CSS/HTML services.
 */
import * as editorApi from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/javascript/register';
import * as typescript from 'monaco-editor/languages/features/typescript/register';

export type { editor } from 'monaco-editor/editor';

/** Shaped like the `monaco-editor` namespace, so @monaco-editor/react can use it. */
export const monaco = { ...editorApi, typescript };
export type Monaco = typeof monaco;
