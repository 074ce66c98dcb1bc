/** The components of weft.files: the engine loads this module's default export. Every one is pure. */
import { Base64Decode, Base64Encode } from './base64.ts';
import { CsvBuild, CsvParse } from './csv.ts';
import { JsonLinesBuild, JsonLinesParse } from './json-lines.ts';
import { XmlBuild, XmlParse } from './xml.ts';

export { Base64Decode, Base64Encode, CsvBuild, CsvParse, JsonLinesBuild, JsonLinesParse, XmlBuild, XmlParse };
export default [CsvParse, CsvBuild, XmlParse, XmlBuild, JsonLinesParse, JsonLinesBuild, Base64Encode, Base64Decode];
