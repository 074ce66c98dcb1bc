/** @module Tarballs for tests, written byte by byte so that a test can make the malicious ones npm never would. */
import { gzipSync } from 'node:zlib';

export interface TarEntry {
  path: string;
  /** `file` (default), `dir`, `symlink`, `hardlink`. */
  type?: 'file' | 'dir' | 'symlink' | 'hardlink';
  body?: string;
  /** Target of a link. */
  link?: string;
}

const TYPE_FLAGS = { file: '0', hardlink: '1', symlink: '2', dir: '5' } as const;

function header(entry: TarEntry, size: number): Buffer {
  const block = Buffer.alloc(512);
  const put = (text: string, offset: number, length: number) => block.write(text.slice(0, length), offset, length, 'utf8');
  const octal = (value: number, offset: number, length: number) => put(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length);
  put(entry.path, 0, 100);
  octal(entry.type === 'dir' ? 0o755 : 0o644, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(1_700_000_000, 136, 12);
  block.fill(' ', 148, 156);
  put(TYPE_FLAGS[entry.type ?? 'file'], 156, 1);
  put(entry.link ?? '', 157, 100);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return block;
}

/** A gzipped tarball of `entries`, exactly as given (no path cleaning). */
export function makeTarball(entries: readonly TarEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.from(entry.type === undefined || entry.type === 'file' ? entry.body ?? '' : '', 'utf8');
    parts.push(header(entry, body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return new Uint8Array(gzipSync(Buffer.concat(parts)));
}

export const ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4"/></svg>')}`;

/** package.json of the test connector `acme.crm` (or another name). */
export function packageJson(overrides: { version?: string; name?: string; weft?: Record<string, unknown>; dependencies?: Record<string, string> } = {}): string {
  const name = overrides.name ?? 'acme.crm';
  return JSON.stringify({
    name: `weft-connector-${name.replace('.', '-')}`,
    version: overrides.version ?? '1.0.0',
    type: 'module',
    ...(overrides.dependencies ? { dependencies: overrides.dependencies } : {}),
    weft: { name, label: 'Acme CRM', description: 'Greets contacts', author: 'Acme', icon: ICON, components: 'src/index.js', ...overrides.weft },
  });
}

/** A components module: `acme.crm.Greet` (in → out: `{ greeting }`) and, unless `greetOnly`, `acme.crm.Shout`. */
export function componentsModule(options: { name?: string; greeting?: string; greetOutPort?: string; greetOnly?: boolean } = {}): string {
  const name = options.name ?? 'acme.crm';
  return `import { defineComponent } from '@weft/connector-kit';
import { greet } from './greet.js';
export default [
  defineComponent(
    { name: '${name}.Greet', label: 'Greet', inPorts: [{ name: 'in' }], outPorts: [{ name: '${options.greetOutPort ?? 'out'}' }] },
    { async receive(context) { await context.sendJson({ greeting: greet('${options.greeting ?? 'Hello'}', context.messages.in.content.name) }, '${options.greetOutPort ?? 'out'}'); } },
  ),
${options.greetOnly ? '' : `  defineComponent(
    { name: '${name}.Shout', label: 'Shout', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
    { async receive(context) { await context.sendJson({ text: String(context.messages.in.content.text).toUpperCase() }, 'out'); } },
  ),
`}];
`;
}

/** A whole good package. */
export function goodPackage(options: { version?: string; greeting?: string; greetOutPort?: string; greetOnly?: boolean } = {}): Uint8Array {
  return makeTarball([
    { path: 'package/package.json', body: packageJson(options.version === undefined ? {} : { version: options.version }) },
    { path: 'package/src/index.js', body: componentsModule(options) },
    { path: 'package/src/greet.js', body: 'export function greet(word, name) { return `${word}, ${name}!`; }\n' },
  ]);
}
