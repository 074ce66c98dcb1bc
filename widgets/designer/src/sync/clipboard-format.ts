/** @module Clipboard format: the JSON a designer writes to the system clipboard, so copy/paste works between flows. */
import { FlowDescriptor } from '@weft/flow';

const KIND = 'weft.designer.components';

export function serializeClipboard(fragment: FlowDescriptor): string {
  return JSON.stringify({ kind: KIND, version: 1, components: fragment });
}

/** The fragment, or undefined when the text is anything else (plain text copied elsewhere). */
export function parseClipboard(text: string): FlowDescriptor | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || (json as { kind?: unknown }).kind !== KIND) return undefined;
  const parsed = FlowDescriptor.safeParse((json as { components?: unknown }).components);
  return parsed.success ? parsed.data : undefined;
}
