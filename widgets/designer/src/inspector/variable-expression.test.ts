import { describe, expect, it } from 'vitest';
import { createModifierRegistry, parseTemplate } from '@weft/variables';
import { formatVariable, insertAt } from './variable-expression.ts';

const definitions = new Map(createModifierRegistry().list().map((def) => [def.name, def]));

describe('when a variable is picked with a modifier chain', () => {
  it('writes a placeholder the variables language parses back', () => {
    const text = formatVariable('$.a1.out.body.name', [{ name: 'trim', args: [] }, { name: 'join', args: [', '] }, { name: 'slice', args: ['1', ''] }], definitions);
    expect(text).toBe('{{{$.a1.out.body.name | trim | join(", ") | slice(1)}}}');
    const parsed = parseTemplate(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok && parsed.value[0]?.kind === 'variable') {
      expect(parsed.value[0].ref.modifiers).toEqual([{ name: 'trim', args: [] }, { name: 'join', args: [', '] }, { name: 'slice', args: [1] }]);
    }
  });

  it('inserts at the caret, replacing the selection', () => {
    expect(insertAt('Hello !', '{{{x}}}', 6, 6)).toEqual({ text: 'Hello {{{x}}}!', caret: 13 });
    expect(insertAt('Hello you!', 'X', 6, 9)).toEqual({ text: 'Hello X!', caret: 7 });
  });
});
