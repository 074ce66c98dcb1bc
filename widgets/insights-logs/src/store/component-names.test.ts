import { describe, expect, it } from 'vitest';
import { componentName, componentsOf, typeLabelOf } from './component-names.ts';

describe('component names', () => {
  it('reads the type and label of each component, skipping what is not a component', () => {
    const descriptor = {
      a: { type: 'weft.utils.transform.Set', label: ' Greet ', x: 0 },
      b: { type: 'weft.utils.http.Request', label: '   ' },
      c: { label: 'No type' },
      d: 'not an object',
      ['__proto__']: { type: 'weft.utils.http.Webhook' },
    };
    const components = componentsOf(JSON.parse(JSON.stringify(descriptor)) as Record<string, unknown>);
    expect(components).toEqual({ a: { type: 'weft.utils.transform.Set', label: 'Greet' }, b: { type: 'weft.utils.http.Request' }, ['__proto__']: { type: 'weft.utils.http.Webhook' } });
    expect(Object.getPrototypeOf(components)).toBe(Object.prototype);
    expect(componentName(components, '__proto__', {})).toBe('Webhook');
  });

  it("names a component by its label, else its type's label, else the last part of its type's name", () => {
    const components = componentsOf({ a: { type: 'weft.utils.transform.Set', label: 'Greet' }, b: { type: 'weft.utils.http.Request' }, c: { type: 'weft.utils.http.Response' } });
    const typeLabels = { 'weft.utils.http.Request': 'HTTP request' };
    expect(['a', 'b', 'c'].map((id) => componentName(components, id, typeLabels))).toEqual(['Greet', 'HTTP request', 'Response']);
  });

  it('knows nothing while the flow is unknown, and says so when the flow lacks the component', () => {
    expect(componentName(undefined, 'a', {})).toBeUndefined();
    expect(componentName({}, 'constructor', {})).toBeNull();
    expect(typeLabelOf('weft.utils.transform.Set', { toString: 'x' })).toBe('Set');
  });
});
