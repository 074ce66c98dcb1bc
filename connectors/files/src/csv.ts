/** @module CSV: parse text into rows, build text from rows (csv-parse, csv-stringify). */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { FormatError, formatComponent, textOf, withinLimit } from './format-component.ts';

const delimiterProperty = {
  schema: { type: 'string' as const },
  input: { type: 'text' as const, label: 'Delimiter', defaultValue: ',', tooltip: 'One character: , ; | or \\t for a tab.' },
};
const headerProperty = {
  schema: { type: 'boolean' as const },
  input: { type: 'toggle' as const, label: 'First line holds the column names', defaultValue: true },
};

function delimiterOf(value: unknown): string {
  const text = typeof value === 'string' && value !== '' ? value.replace('\\t', '\t') : ',';
  if ([...text].length !== 1 || /[\r\n"]/.test(text)) throw new FormatError(`The delimiter must be one character other than a quote or a line break, not ${JSON.stringify(value)}.`);
  return text;
}

export const CsvParse = formatComponent({
  name: 'CsvParse',
  label: 'Parse CSV',
  description: 'Reads CSV text into rows: objects by column name when the first line holds the names, else lists.',
  fields: { csv: { schema: { type: 'string', title: 'CSV text' }, input: { type: 'textarea', label: 'CSV text' }, required: true } },
  properties: { delimiter: delimiterProperty, header: headerProperty },
  out: { type: 'object', properties: { rows: { type: 'array', title: 'Rows' }, count: { type: 'number', title: 'Number of rows' } } },
  run(content, properties) {
    const csv = textOf(content.csv, 'csv');
    try {
      const rows = parse(csv, { columns: properties.header !== false, delimiter: delimiterOf(properties.delimiter), skip_empty_lines: true, bom: true, trim: false }) as unknown[];
      return { rows, count: rows.length };
    } catch (error) {
      if (error instanceof FormatError) throw error;
      throw new FormatError(`The CSV text cannot be read: ${(error as Error).message}`);
    }
  },
});

export const CsvBuild = formatComponent({
  name: 'CsvBuild',
  label: 'Build CSV',
  description: 'Writes rows (objects or lists) as CSV text; with objects, the first line holds the column names.',
  fields: {
    rows: { schema: { type: 'array', title: 'Rows' }, input: { type: 'text', label: 'Rows', tooltip: 'A list of objects (columns by name) or of lists.' }, required: true },
    columns: { schema: { type: 'array', title: 'Columns', items: { type: 'string' } }, input: { type: 'text', label: 'Columns', tooltip: 'Optional: which columns, in which order (default: the keys of the rows, in order of appearance).' } },
  },
  properties: { delimiter: delimiterProperty, header: headerProperty },
  out: { type: 'object', properties: { csv: { type: 'string', title: 'CSV text' }, count: { type: 'number', title: 'Number of rows' } } },
  run(content, properties) {
    const rows = content.rows;
    if (!Array.isArray(rows)) throw new FormatError('"rows" must be a list of objects or of lists.');
    const areObjects = rows.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row));
    if (!areObjects && !rows.every((row) => Array.isArray(row))) throw new FormatError('"rows" must all be objects or all be lists.');
    let columns: string[] | undefined;
    if (Array.isArray(content.columns) && content.columns.length > 0) columns = content.columns.map(String);
    else if (areObjects) columns = [...new Set(rows.flatMap((row) => Object.keys(row as object)))];
    const cell = (value: unknown) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : value);
    const records = rows.map((row) => (Array.isArray(row) ? row.map(cell) : Object.fromEntries(Object.entries(row as Record<string, unknown>).map(([k, v]) => [k, cell(v)]))));
    const csv = stringify(records, { header: properties.header !== false && columns !== undefined, ...(columns ? { columns } : {}), delimiter: delimiterOf(properties.delimiter) });
    return { csv: withinLimit(csv, 'the CSV text'), count: rows.length };
  },
});
