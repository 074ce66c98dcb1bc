// Builds the three SDK outputs, then prints gzip sizes and fails when a budget is exceeded.
import { build } from 'vite';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
process.chdir(root);

for (const config of ['vite.lazy.config.ts', 'vite.loader.config.ts', 'vite.esm.config.ts']) {
  await build({ configFile: join(root, config), logLevel: 'warn' });
}

const KB = 1024;
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));

/** The files a widget needs before it can show: its chunk and everything it imports statically (lazy imports such as elkjs or Monaco excluded). */
function closure(key, seen = new Set()) {
  const entry = manifest[key];
  if (!entry || seen.has(entry.file)) return seen;
  seen.add(entry.file);
  for (const imported of entry.imports ?? []) closure(imported, seen);
  return seen;
}

const rows = [['loader dist/weft.js', gz('weft.js'), 15 * KB], ['lazy entry dist/weft-lazy.mjs', gz('weft-lazy.mjs'), undefined]];
const widgets = [
  ['flow manager', 'src/lazy/flow-manager.ts', 120 * KB],
  ['designer', 'src/lazy/designer.ts', 350 * KB],
  ['insights logs', 'src/lazy/insights-logs.ts', 150 * KB],
  ['integrations', 'src/lazy/integrations.ts', 120 * KB],
  ['wizard', 'src/lazy/wizard.ts', 120 * KB],
];
for (const [name, key, budget] of widgets) {
  const files = [...closure(key)];
  if (files.length === 0) throw new Error(`no chunk for ${key} in the manifest`);
  rows.push([`${name}: own chunk ${manifest[key].file}`, gz(manifest[key].file), undefined]);
  rows.push([`${name}: total to open (${files.length} files incl. shared React; API client chunk separate)`, files.reduce((sum, file) => sum + gz(file), 0), budget]);
}

let failed = false;
console.log('\nWeft SDK sizes (gzip -9):');
for (const [label, size, budget] of rows) {
  const over = budget !== undefined && size > budget;
  failed ||= over;
  console.log(`  ${over ? '✗' : '✓'} ${label.padEnd(78)} ${(size / KB).toFixed(1).padStart(7)} KB${budget ? ` / ${budget / KB} KB` : ''}`);
}
if (failed) {
  console.error('\nOver budget.');
  process.exit(1);
}
