import { describe, expect, it } from 'vitest';
import { CancelError, type ComponentContext, type ComponentDefinition } from '@weft/connector-kit';
import components from './index.ts';
import { MAX_BYTES } from './format-component.ts';

/** Runs the component's receive on `content` and returns what it sent on `out`. */
async function run(type: string, content: Record<string, unknown>, properties: Record<string, unknown> = {}): Promise<unknown> {
  const definition = components.find((c: ComponentDefinition) => c.manifest.name === `weft.files.${type}`)!;
  const defaults = Object.fromEntries(Object.entries(definition.manifest.properties?.inspector?.inputs ?? {}).map(([name, input]) => [name, input.defaultValue]));
  const sent: unknown[] = [];
  const context = {
    messages: { in: { content, correlationId: 'c', messageId: 'm' } },
    properties: { ...defaults, ...properties },
    sendJson: async (data: unknown) => void sent.push(data),
    CancelError,
  } as unknown as ComponentContext;
  await definition.behaviour.receive!(context);
  return sent[0];
}

describe('weft.files', () => {
  it('marks every component pure', () => {
    expect(components.map((c) => c.manifest.pure)).toEqual(components.map(() => true));
  });

  it('parses CSV with a header into objects, quotes and delimiters included, and builds it back', async () => {
    const parsed = await run('CsvParse', { csv: 'name;note\nAda;"likes ; and ""quotes"""\nGrace;\n' }, { delimiter: ';' });
    expect(parsed).toEqual({ rows: [{ name: 'Ada', note: 'likes ; and "quotes"' }, { name: 'Grace', note: '' }], count: 2 });
    const built = await run('CsvBuild', { rows: (parsed as { rows: unknown[] }).rows }, { delimiter: ';' });
    expect(built).toEqual({ csv: 'name;note\nAda;"likes ; and ""quotes"""\nGrace;\n', count: 2 });
  });

  it('reads CSV without a header into lists, and says which line is broken', async () => {
    expect(await run('CsvParse', { csv: '1,2\n3,4' }, { header: false })).toEqual({ rows: [['1', '2'], ['3', '4']], count: 2 });
    await expect(run('CsvParse', { csv: 'a,b\n1,2,3' })).rejects.toThrow(/cannot be read.*line 2/i);
  });

  it('parses XML with attributes and builds it back', async () => {
    const parsed = await run('XmlParse', { xml: '<order id="7"><item>a</item><item>b</item><total>3.5</total></order>' });
    expect(parsed).toEqual({ data: { order: { '@_id': '7', item: ['a', 'b'], total: 3.5 } } });
    const built = await run('XmlBuild', { data: { order: { '@_id': 7, item: ['a', 'b'] } } });
    expect(built).toEqual({ xml: '<?xml version="1.0" encoding="UTF-8"?><order id="7"><item>a</item><item>b</item></order>' });
  });

  it('refuses XML that is not well formed, and entity declarations (XML bombs)', async () => {
    await expect(run('XmlParse', { xml: '<a><b></a>' })).rejects.toThrow(/not well formed.*line 1/);
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    await expect(run('XmlParse', { xml: bomb })).rejects.toThrow('declares entities');
  });

  it('reads and writes JSON Lines, naming the line that is not JSON', async () => {
    expect(await run('JsonLinesParse', { text: '{"a":1}\n\n[2]\n"three"\n' })).toEqual({ items: [{ a: 1 }, [2], 'three'], count: 3 });
    await expect(run('JsonLinesParse', { text: '{"a":1}\n{oops}' })).rejects.toThrow('Line 2 is not JSON');
    expect(await run('JsonLinesBuild', { items: [{ a: 1 }, 'two'] })).toEqual({ text: '{"a":1}\n"two"\n', count: 2 });
  });

  it('encodes and decodes base64, and refuses text that is not base64 rather than shorten it silently', async () => {
    expect(await run('Base64Encode', { text: 'héllo' })).toEqual({ base64: 'aMOpbGxv', bytes: 6 });
    expect(await run('Base64Decode', { base64: 'aMOp bGxv' })).toEqual({ text: 'héllo', bytes: 6 });
    expect(await run('Base64Encode', { text: '00ff' }, { encoding: 'hex' })).toEqual({ base64: 'AP8=', bytes: 2 });
    await expect(run('Base64Decode', { base64: 'not*base64' })).rejects.toThrow('is not base64 text');
  });

  it('refuses input over the size limit with the size in the message, and a field of the wrong type', async () => {
    const big = 'x'.repeat(MAX_BYTES + 1);
    await expect(run('JsonLinesParse', { text: big })).rejects.toThrow(/10\.0 MB, more than the 10 MB/);
    await expect(run('CsvParse', { csv: { not: 'text' } })).rejects.toThrow('"csv" must be text, not object');
    await expect(run('CsvBuild', { rows: 'a,b' })).rejects.toThrow('"rows" must be a list');
  });

  it('fails with CancelError on bad input, so the engine does not retry it', async () => {
    await expect(run('Base64Decode', { base64: '%%%' })).rejects.toBeInstanceOf(CancelError);
  });
});
