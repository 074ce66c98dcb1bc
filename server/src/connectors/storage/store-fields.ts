/** @module Store fields: the storeId/key fields the storage components share, and how they are read. */
import type { ComponentContext, InspectorInput, JsonSchema } from '@weft/connector-kit';

export const storeIdSchema: JsonSchema = { type: 'string', description: 'Which of your data stores; "default" when empty.' };
export const storeIdInput: InspectorInput = { type: 'text', label: 'Store', index: 1, placeholder: 'default' };
export const keyInput: InspectorInput = { type: 'text', label: 'Key', index: 2 };

export function storeIdOf(content: Record<string, unknown>): string {
  return typeof content.storeId === 'string' && content.storeId.trim() !== '' ? content.storeId.trim() : 'default';
}

export function keyOf(context: ComponentContext, content: Record<string, unknown>): string {
  const { key } = content;
  if (typeof key === 'number') return String(key);
  if (typeof key !== 'string' || key === '') throw new context.CancelError('The key is missing: map a key into the "key" field.');
  return key;
}
