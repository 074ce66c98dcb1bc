/** @module XML: parse a document into an object, build a document from an object (fast-xml-parser). */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { FormatError, formatComponent, textOf, withinLimit } from './format-component.ts';

/** Attributes appear as `@_name` keys, text beside them as `#text`. */
const ATTRIBUTE_PREFIX = '@_';

export const XmlParse = formatComponent({
  name: 'XmlParse',
  label: 'Parse XML',
  description: 'Reads an XML document into an object: elements become keys, attributes "@_name", text beside attributes "#text".',
  fields: { xml: { schema: { type: 'string', title: 'XML document' }, input: { type: 'textarea', label: 'XML document' }, required: true } },
  out: { type: 'object', properties: { data: { type: 'object', title: 'Data' } } },
  run(content) {
    const xml = textOf(content.xml, 'xml');
    // Entity declarations are how XML bombs and external-entity reads start; documents from APIs do not need them.
    if (/<!ENTITY/i.test(xml)) throw new FormatError('The XML document declares entities (<!ENTITY …>); they are refused for safety.');
    const valid = XMLValidator.validate(xml);
    if (valid !== true) throw new FormatError(`The XML document is not well formed: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col}).`);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: ATTRIBUTE_PREFIX, parseTagValue: true, trimValues: true });
    return { data: parser.parse(xml) as unknown };
  },
});

export const XmlBuild = formatComponent({
  name: 'XmlBuild',
  label: 'Build XML',
  description: 'Writes an object as an XML document: keys become elements, "@_name" keys attributes, "#text" text.',
  fields: { data: { schema: { type: 'object', title: 'Data' }, input: { type: 'text', label: 'Data', tooltip: 'An object with one key, the root element, e.g. { "order": { "@_id": 7, "item": ["a", "b"] } }.' }, required: true } },
  properties: {
    pretty: { schema: { type: 'boolean' }, input: { type: 'toggle', label: 'Indent', defaultValue: false } },
    declaration: { schema: { type: 'boolean' }, input: { type: 'toggle', label: 'Start with <?xml version="1.0"?>', defaultValue: true } },
  },
  out: { type: 'object', properties: { xml: { type: 'string', title: 'XML document' } } },
  run(content, properties) {
    const data = content.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new FormatError('"data" must be an object whose key is the root element.');
    const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: ATTRIBUTE_PREFIX, format: properties.pretty === true, suppressEmptyNode: true });
    const body = String(builder.build(data));
    const xml = properties.declaration === false ? body : `<?xml version="1.0" encoding="UTF-8"?>${properties.pretty === true ? '\n' : ''}${body}`;
    return { xml: withinLimit(xml, 'the XML document') };
  },
});
