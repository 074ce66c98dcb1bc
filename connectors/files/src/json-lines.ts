/** @module JSON Lines: one JSON value per line, read into a list and written from one. */
import { FormatError, formatComponent, textOf, withinLimit } from './format-component.ts';

export const JsonLinesParse = formatComponent({
  name: 'JsonLinesParse',
  label: 'Parse JSON Lines',
  description: 'Reads JSON Lines (one JSON value per line, blank lines skipped) into a list.',
  fields: { text: { schema: { type: 'string', title: 'JSON Lines text' }, input: { type: 'textarea', label: 'JSON Lines text' }, required: true } },
  out: { type: 'object', properties: { items: { type: 'array', title: 'Items' }, count: { type: 'number', title: 'Number of items' } } },
  run(content) {
    const text = textOf(content.text, 'text');
    const items: unknown[] = [];
    text.split(/\r?\n/).forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        items.push(JSON.parse(line));
      } catch (error) {
        throw new FormatError(`Line ${index + 1} is not JSON: ${(error as Error).message}`);
      }
    });
    return { items, count: items.length };
  },
});

export const JsonLinesBuild = formatComponent({
  name: 'JsonLinesBuild',
  label: 'Build JSON Lines',
  description: 'Writes a list as JSON Lines: one JSON value per line.',
  fields: { items: { schema: { type: 'array', title: 'Items' }, input: { type: 'text', label: 'Items', tooltip: 'The list to write.' }, required: true } },
  out: { type: 'object', properties: { text: { type: 'string', title: 'JSON Lines text' }, count: { type: 'number', title: 'Number of items' } } },
  run(content) {
    if (!Array.isArray(content.items)) throw new FormatError('"items" must be a list.');
    const text = content.items.map((item) => JSON.stringify(item === undefined ? null : item)).join('\n');
    return { text: withinLimit(content.items.length > 0 ? `${text}\n` : '', 'the JSON Lines text'), count: content.items.length };
  },
});
