import { describe, expect, it } from 'vitest';
import { uniqueLabels } from './unique-labels.ts';

describe('when a component is pasted beside others of the same name', () => {
  it('keeps a free name, numbers a taken one from 2 and skips numbers in use', () => {
    expect(uniqueLabels(['Webhook'], ['Set'])).toEqual(['Set']);
    expect(uniqueLabels(['Set'], ['Set'])).toEqual(['Set 2']);
    expect(uniqueLabels(['Set', 'Set 2'], ['Set', 'Set 2'])).toEqual(['Set 3', 'Set 4']);
  });

  it('gives two pasted twins different names', () => {
    expect(uniqueLabels(['Set'], ['Set', 'Set'])).toEqual(['Set 2', 'Set 3']);
  });
});
