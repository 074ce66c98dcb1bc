import { describe, expect, it } from 'vitest';
import { findVariables } from './index.ts';

describe('when looking for the variables of a lambda', () => {
  it('finds every reference with where it sits in the lambda', () => {
    const { refs, errors } = findVariables({
      subject: 'Order {{{$.a1.out.id}}}',
      body: { items: ['{{{$.b2.res.items[*].name | join}}}', 'plain', 4] },
      to: '{{{$.a1.out.email}}}',
    });
    expect(errors).toEqual([]);
    expect(refs.map((ref) => [ref.at, ref.componentId, ref.port])).toEqual([
      ['subject', 'a1', 'out'],
      ['body.items.0', 'b2', 'res'],
      ['to', 'a1', 'out'],
    ]);
    expect(refs[1]?.modifiers).toEqual([{ name: 'join', args: [] }]);
  });

  it('collects malformed placeholders without stopping', () => {
    const { refs, errors } = findVariables({ a: '{{{$.x}}}', b: ['{{{$.ok.out}}}', '{{{nope}}}'] });
    expect(refs).toHaveLength(1);
    expect(errors.map((error) => [error.at, error.code])).toEqual([
      ['a', 'variable.malformed'],
      ['b.1', 'variable.malformed'],
    ]);
  });

  it('finds nothing in values without strings', () => {
    expect(findVariables(null)).toEqual({ refs: [], errors: [] });
    expect(findVariables({ n: 1, b: [true] })).toEqual({ refs: [], errors: [] });
  });
});
