import { describe, expect, it } from 'vitest';
import type { SqlDialect } from './dialect.ts';
import { deleteStatement, insertStatement, latestRowStatement, newRowsStatement, updateStatement } from './statements.ts';

const pgLike = {
  quoteIdentifier: (name: string) => `"${name.replaceAll('"', '""')}"`,
  placeholder: (index: number) => `$${index}`,
  returning: true,
  asText: (column: string) => `(${column})::text`,
} as SqlDialect;
const myLike = { ...pgLike, quoteIdentifier: (name: string) => `\`${name.replaceAll('`', '``')}\``, placeholder: () => '?', returning: false, asText: (c: string) => `CAST(${c} AS CHAR)` } as SqlDialect;

describe('when a statement is built from a table and mapped values', () => {
  it('quotes every identifier and passes values only as parameters', () => {
    expect(insertStatement(pgLike, 'public.people', { name: "O'Hara", 'we"ird': 1 })).toEqual({
      sql: 'INSERT INTO "public"."people" ("name", "we""ird") VALUES ($1, $2) RETURNING *',
      params: ["O'Hara", 1],
    });
    expect(insertStatement(myLike, 'people`; DROP TABLE x; --', { a: 1 }).sql).toBe('INSERT INTO `people``; DROP TABLE x; --` (`a`) VALUES (?)');
  });

  it('matches where values by equality, lists with IN and null with IS NULL', () => {
    expect(updateStatement(pgLike, 't', { tag: 'x' }, { id: [1, 2], gone: null, name: 'a' })).toEqual({
      sql: 'UPDATE "t" SET "tag" = $1 WHERE "id" IN ($2, $3) AND "gone" IS NULL AND "name" = $4',
      params: ['x', 1, 2, 'a'],
    });
    expect(deleteStatement(myLike, 't', { id: 3 })).toEqual({ sql: 'DELETE FROM `t` WHERE `id` = ?', params: [3] });
  });

  it('refuses an empty where, an empty list and names it cannot quote, saying where', () => {
    expect(() => deleteStatement(pgLike, 't', {})).toThrow(/in\.where: map at least one column/);
    expect(() => updateStatement(pgLike, 't', { a: 1 }, undefined)).toThrow(/in\.where: map an object/);
    expect(() => deleteStatement(pgLike, 't', { id: [] })).toThrow(/empty list matches no row/);
    expect(() => insertStatement(pgLike, 'a.b.c', { a: 1 })).toThrow(/"schema.table"/);
    expect(() => insertStatement(pgLike, 'bad\0name', { a: 1 })).toThrow(/NUL/);
    expect(() => insertStatement(pgLike, '', { a: 1 })).toThrow(/properties\.table: give a name/);
  });
});

describe('when New Row reads the rows after its cursor', () => {
  it('orders by the order column then the unique column, so rows of equal time are neither skipped nor repeated', () => {
    expect(newRowsStatement(pgLike, { table: 't', orderColumn: 'created', keyColumn: 'id', after: { order: '2030-01-01', key: '7' }, limit: 50 })).toEqual({
      sql: 'SELECT t.*, (t."created")::text AS "__weft_order", (t."id")::text AS "__weft_key" FROM "t" t WHERE (t."created" > $1 OR (t."created" = $2 AND t."id" > $3)) ORDER BY t."created", t."id" LIMIT 50',
      params: ['2030-01-01', '2030-01-01', '7'],
    });
  });

  it('compares one column when it is unique, and reads from the start without a cursor', () => {
    expect(newRowsStatement(myLike, { table: 't', orderColumn: 'id', keyColumn: 'id', after: { order: '9', key: '9' }, limit: 5 }).sql)
      .toBe('SELECT t.*, CAST(t.`id` AS CHAR) AS `__weft_order`, CAST(t.`id` AS CHAR) AS `__weft_key` FROM `t` t WHERE t.`id` > ? ORDER BY t.`id` LIMIT 5');
    expect(newRowsStatement(myLike, { table: 't', orderColumn: 'id', keyColumn: 'id', after: undefined, limit: 5 }).params).toEqual([]);
    expect(latestRowStatement(pgLike, { table: 't', orderColumn: 'created', keyColumn: 'id' }).sql)
      .toBe('SELECT ("created")::text AS "__weft_order", ("id")::text AS "__weft_key" FROM "t" ORDER BY "created" DESC, "id" DESC LIMIT 1');
  });
});
