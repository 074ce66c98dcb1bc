/** @module Chip text: a mapping text as text and variable segments, and the text back from the chip editor's DOM. */
import { parseTemplate, type VariableRef } from '@weft/variables';

export type Segment = { kind: 'text'; text: string } | { kind: 'chip'; template: string; ref: VariableRef };

/** Text and `{{{ }}}` variables in order; a text that does not parse stays one text segment (validation explains it). */
export function toSegments(text: string): Segment[] {
  if (!text.includes('{{{')) return text === '' ? [] : [{ kind: 'text', text }];
  const parsed = parseTemplate(text);
  if (!parsed.ok) return [{ kind: 'text', text }];
  return parsed.value.map((part): Segment => (part.kind === 'text'
    ? { kind: 'text', text: part.text }
    : { kind: 'chip', template: text.slice(part.ref.start, part.ref.end), ref: part.ref }));
}

/** `out.body.name`, `out.items[0]` */
export function refPath(ref: VariableRef): string {
  const path = ref.path.map((segment) => (segment.kind === 'key' ? `.${segment.key}` : segment.kind === 'index' ? `[${segment.index}]` : '.*')).join('');
  return `${ref.port}${path}`;
}

const ZERO_WIDTH = /\u200b/g;

/**
 * The text a piece of the editor's DOM stands for: chips give their template, `<br>` and block elements
 * (what a browser may insert on Enter) give line breaks, anything marked `data-skip` gives nothing.
 */
export function serializeNodes(parent: Node): string {
  let out = '';
  for (const child of Array.from(parent.childNodes)) {
    if (child.nodeType === 3) {
      out += (child.textContent ?? '').replace(ZERO_WIDTH, '').replace(/\u00a0/g, ' ');
      continue;
    }
    if (child.nodeType !== 1) continue;
    const element = child as HTMLElement;
    if (element.dataset.skip !== undefined) continue;
    if (element.dataset.template !== undefined) {
      out += element.dataset.template;
    } else if (element.tagName === 'BR') {
      out += '\n';
    } else {
      const isBlock = element.tagName === 'DIV' || element.tagName === 'P';
      if (isBlock && out !== '' && !out.endsWith('\n')) out += '\n';
      out += serializeNodes(element);
    }
  }
  return out;
}

/** Where `offset` (in the serialized text) lands among the editor's top-level nodes: inside a text node, or after a node. */
export function locateOffset(root: Node, offset: number): { node: Node; offset: number } {
  let remaining = offset;
  const children = Array.from(root.childNodes);
  for (const [index, child] of children.entries()) {
    const length = serializeNodes(wrap(child)).length;
    if (remaining <= length) {
      if (child.nodeType === 3) return { node: child, offset: remaining };
      // A chip is one atom: the caret goes before it at 0, after it otherwise.
      return { node: root, offset: remaining === 0 ? index : index + 1 };
    }
    remaining -= length;
  }
  return { node: root, offset: children.length };
}

function wrap(node: Node): Node {
  return { childNodes: [node] } as unknown as Node;
}
