/**
 * @module Chip editor: a mapping field where each `{{{ }}}` variable shows as a chip (its source's icon and
 * label) while the text underneath stays the template. Typing, pasting, copying and deleting work on that
 * text: a chip is one character-like atom, copy gives its template, Backspace/Delete remove it whole.
 * The DOM is managed here, not by React, because the browser edits it as the person types.
 */
import { useImperativeHandle, useLayoutEffect, useMemo, useRef, type ClipboardEvent, type KeyboardEvent, type Ref } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ComponentIcon } from '../icons/component-icon.tsx';
import { useT } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { insertAt } from './variable-expression.ts';
import { locateOffset, refPath, serializeNodes, toSegments } from './chip-text.ts';

export interface ChipEditorHandle {
  /** Insert `snippet` where the caret last was (the end if it never was inside), then focus after it. */
  insert: (snippet: string) => void;
}

interface ChipEditorProps {
  id: string;
  value: string;
  multiline: boolean;
  onChange: (text: string) => void;
  labelledBy?: string | undefined;
  label?: string | undefined;
  describedBy?: string | undefined;
  isInvalid?: boolean | undefined;
  placeholder?: string | undefined;
  handle?: Ref<ChipEditorHandle> | undefined;
}

interface Source {
  label: string;
  icon: string | undefined;
}

function selectionOf(el: HTMLElement): Selection | null {
  // Inside a shadow root, Chromium reports the selection through the root, not the document.
  const root = el.getRootNode() as Document | (ShadowRoot & { getSelection?: () => Selection | null });
  return typeof root.getSelection === 'function' ? root.getSelection() : document.getSelection();
}

/** The caret (or selection start and end) as offsets into the editor's text. */
function selectionOffsets(el: HTMLElement): [number, number] | undefined {
  const selection = selectionOf(el);
  if (!selection || selection.rangeCount === 0) return undefined;
  const range = selection.getRangeAt(0);
  if (!el.contains(range.startContainer) || !el.contains(range.endContainer)) return undefined;
  const before = document.createRange();
  before.setStart(el, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const start = serializeNodes(before.cloneContents()).length;
  return [start, start + serializeNodes(range.cloneContents()).length];
}

function placeCaret(el: HTMLElement, offset: number): void {
  const selection = selectionOf(el);
  if (!selection) return;
  const at = locateOffset(el, offset);
  const range = document.createRange();
  range.setStart(at.node, at.offset);
  range.collapse(true);
  selection.removeAllRanges();
  selection.addRange(range);
}

export function ChipEditor({ id, value, multiline, onChange, labelledBy, label, describedBy, isInvalid, placeholder, handle }: ChipEditorProps) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const sprite = useRef<HTMLSpanElement>(null);
  const segments = useMemo(() => toSegments(value), [value]);
  const ids = useMemo(() => [...new Set(segments.flatMap((segment) => (segment.kind === 'chip' ? [segment.ref.componentId] : [])))], [segments]);
  // Labels and icons of the components the chips read, as one string so the selector stays shallow-stable.
  const sourceKey = useDesignerStore(useShallow((s) => ids.map((componentId) => {
    const node = s.nodes.find((candidate) => candidate.id === componentId);
    const manifest = node ? s.manifests[node.data.type] : undefined;
    return `${componentId}\u0000${node?.data.label ?? manifest?.label ?? componentId}\u0000${manifest?.icon ?? ''}`;
  })));
  const sources = useMemo(() => new Map<string, Source>(sourceKey.map((entry) => {
    const [componentId = '', sourceLabel = '', icon = ''] = entry.split('\u0000');
    return [componentId, { label: sourceLabel, icon: icon === '' ? undefined : icon }];
  })), [sourceKey]);
  /** What the DOM shows now: skip re-rendering text the person just typed. */
  const shown = useRef<{ text: string; sources: Map<string, Source> } | undefined>(undefined);
  const lastCaret = useRef<[number, number] | undefined>(undefined);
  const pendingCaret = useRef<number | undefined>(undefined);

  const renderChips = (el: HTMLElement) => {
    const nodes = segments.map((segment) => {
      if (segment.kind === 'text') return document.createTextNode(segment.text);
      const source = sources.get(segment.ref.componentId);
      const chip = document.createElement('span');
      chip.className = 'wd-chip wd-chip--inline';
      chip.contentEditable = 'false';
      chip.dataset.template = segment.template;
      chip.setAttribute('role', 'img');
      const name = t('designer.chip.label', { source: source?.label ?? segment.ref.componentId, path: refPath(segment.ref) });
      const modifiers = segment.ref.modifiers.map((modifier) => modifier.name);
      chip.setAttribute('aria-label', modifiers.length > 0 ? `${name} | ${modifiers.join(' | ')}` : name);
      chip.title = segment.template;
      const icon = Array.from(sprite.current?.children ?? []).find((entry) => (entry as HTMLElement).dataset.source === segment.ref.componentId)?.firstElementChild;
      if (icon) chip.append(icon.cloneNode(true));
      const text = document.createElement('span');
      text.textContent = `${source?.label ?? segment.ref.componentId} › ${refPath(segment.ref)}`;
      chip.append(text);
      for (const modifier of modifiers) {
        const badge = document.createElement('span');
        badge.className = 'wd-chip__modifier';
        badge.textContent = modifier;
        chip.append(badge);
      }
      return chip;
    });
    el.replaceChildren(...nodes);
    shown.current = { text: value, sources };
  };

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // After typing, the DOM already shows `value` (onInput recorded it); anything else is rebuilt.
    if (shown.current?.text !== value || shown.current.sources !== sources) renderChips(el);
    if (pendingCaret.current !== undefined) {
      placeCaret(el, pendingCaret.current);
      lastCaret.current = [pendingCaret.current, pendingCaret.current];
      pendingCaret.current = undefined;
    }
  });

  const emit = (text: string, caret?: number) => {
    if (caret !== undefined) pendingCaret.current = caret;
    onChange(text);
  };
  /** Replace the selection with `snippet` in the text; the chips are rebuilt from it. */
  const replaceSelection = (snippet: string) => {
    const el = ref.current;
    if (!el) return;
    const current = serializeNodes(el);
    const [start, end] = selectionOffsets(el) ?? lastCaret.current ?? [current.length, current.length];
    const next = insertAt(current, snippet, start, end);
    shown.current = undefined;
    emit(next.text, next.caret);
  };

  useImperativeHandle(handle, () => ({
    insert(snippet) {
      const el = ref.current;
      if (!el) return;
      const current = serializeNodes(el);
      const [start, end] = lastCaret.current ?? [current.length, current.length];
      const next = insertAt(current, snippet, start, end);
      shown.current = undefined;
      el.focus();
      emit(next.text, next.caret);
    },
  }));

  const onInput = () => {
    const el = ref.current;
    if (!el) return;
    const text = serializeNodes(el);
    shown.current = { text, sources };
    onChange(text);
  };

  const removeAtom = (direction: 'back' | 'forward'): boolean => {
    const el = ref.current;
    const offsets = el ? selectionOffsets(el) : undefined;
    if (!el || !offsets || offsets[0] !== offsets[1]) return false;
    const text = serializeNodes(el);
    const [caret] = offsets;
    // Is the atom next to the caret a chip? Compare against the segments' positions in the text.
    let position = 0;
    for (const segment of toSegments(text)) {
      const length = segment.kind === 'text' ? segment.text.length : segment.template.length;
      const isHit = direction === 'back' ? position + length === caret : position === caret;
      if (segment.kind === 'chip' && isHit) {
        shown.current = undefined;
        emit(text.slice(0, position) + text.slice(position + length), position);
        return true;
      }
      position += length;
    }
    return false;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.ctrlKey || event.metaKey) && ['b', 'i', 'u'].includes(event.key.toLowerCase())) {
      event.preventDefault();
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      if (multiline) replaceSelection('\n');
      return;
    }
    if ((event.key === 'Backspace' || event.key === 'Delete') && removeAtom(event.key === 'Backspace' ? 'back' : 'forward')) {
      event.preventDefault();
    }
  };

  const rememberCaret = () => {
    if (ref.current) lastCaret.current = selectionOffsets(ref.current) ?? lastCaret.current;
  };

  const onCopy = (event: ClipboardEvent<HTMLDivElement>) => {
    const el = ref.current;
    const selection = el ? selectionOf(el) : null;
    if (!el || !selection || selection.rangeCount === 0) return;
    event.preventDefault();
    event.clipboardData.setData('text/plain', serializeNodes(selection.getRangeAt(0).cloneContents()));
  };
  const onCut = (event: ClipboardEvent<HTMLDivElement>) => {
    onCopy(event);
    replaceSelection('');
  };
  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    event.preventDefault();
    const text = event.clipboardData.getData('text/plain');
    replaceSelection(multiline ? text : text.replace(/\r?\n/g, ' '));
  };

  return (
    <>
      <div
        ref={ref}
        id={id}
        className={`wd-input wd-chip-editor${multiline ? ' wd-chip-editor--multiline' : ''}`}
        role="textbox"
        aria-multiline={multiline}
        aria-labelledby={labelledBy}
        aria-label={label}
        aria-describedby={describedBy}
        aria-invalid={isInvalid}
        aria-placeholder={placeholder}
        data-placeholder={placeholder}
        data-value={value}
        contentEditable="plaintext-only"
        suppressContentEditableWarning
        spellCheck={false}
        tabIndex={0}
        onInput={onInput}
        onKeyDown={onKeyDown}
        onKeyUp={rememberCaret}
        onMouseUp={rememberCaret}
        onBlur={() => {
          rememberCaret();
          // Templates typed by hand become chips once the person leaves the field.
          if (ref.current) renderChips(ref.current);
        }}
        onCopy={onCopy}
        onCut={onCut}
        onPaste={onPaste}
        onDrop={(event) => event.preventDefault()}
      />
      {/* Icons drawn by React once, cloned into the chips. */}
      <span ref={sprite} hidden data-skip="">
        {ids.map((componentId) => (
          <span key={componentId} data-source={componentId}><ComponentIcon icon={sources.get(componentId)?.icon} size={12} /></span>
        ))}
      </span>
    </>
  );
}
