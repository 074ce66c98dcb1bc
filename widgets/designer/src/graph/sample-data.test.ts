import { describe, expect, it } from 'vitest';
import { sampleFromSchema, schemaOfValue } from './sample-data.ts';

describe('a sample shaped like an out-port schema', () => {
  it('has every field of a webhook call, with the examples the schema gives', () => {
    const webhook = { type: 'object' as const, properties: {
      method: { type: 'string' as const, example: 'POST' }, path: { type: 'string' as const },
      headers: { type: 'object' as const }, query: { type: 'object' as const }, body: { type: 'any' as const },
    } };
    expect(sampleFromSchema(webhook)).toEqual({ method: 'POST', path: '', headers: {}, query: {}, body: {} });
  });

  it('fills numbers, booleans, enums and arrays of objects', () => {
    expect(sampleFromSchema({ type: 'object', properties: {
      n: { type: 'integer' }, ok: { type: 'boolean' }, level: { type: 'string', enum: ['info', 'warn'] },
      rows: { type: 'array', items: { type: 'object', properties: { id: { type: 'number' } } } }, tags: { type: 'array' },
    } })).toEqual({ n: 0, ok: false, level: 'info', rows: [{ id: 0 }], tags: [] });
    expect(sampleFromSchema(undefined)).toEqual({});
  });
});

describe('the schema of a pinned value', () => {
  it('describes nested objects and the first item of arrays', () => {
    expect(schemaOfValue({ a: 1, b: { c: 'x' }, d: [{ e: true }], f: null })).toEqual({ type: 'object', properties: {
      a: { type: 'number' }, b: { type: 'object', properties: { c: { type: 'string' } } },
      d: { type: 'array', items: { type: 'object', properties: { e: { type: 'boolean' } } } }, f: { type: 'null' },
    } });
  });
});
