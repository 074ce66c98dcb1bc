import { describe, expect, it } from 'vitest';
import { generateLargeFlow } from '../testing/large-flow.ts';
import { parseClipboard, serializeClipboard } from './clipboard-format.ts';

describe('when components travel through the system clipboard', () => {
  it('reads back what it wrote', () => {
    const fragment = generateLargeFlow(3);
    expect(parseClipboard(serializeClipboard(fragment))).toEqual(fragment);
  });
  it('ignores text that is not a designer fragment', () => {
    expect(parseClipboard('hello')).toBeUndefined();
    expect(parseClipboard('{"a":1}')).toBeUndefined();
    expect(parseClipboard(JSON.stringify({ kind: 'weft.designer.components', components: { 'bad id': { type: 'x' } } }))).toBeUndefined();
  });
});
