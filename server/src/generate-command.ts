/** @module `weft generate openapi <spec> --out <dir> --name <vendor.app>`: a connector package from an OpenAPI 3 document. */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateOpenApiConnector, OpenApiError, parseAuthOption, parseSpecText } from './openapi-generator/generate.ts';

const USAGE = `Usage:
  weft generate openapi <spec.json|spec.yaml> --out <dir> --name <vendor.app>
      [--tags <tag,…>] [--operations <operationId,…>] [--base-url <url>] [--version <semver>]
      [--auth bearer|basic|none|apiKey:<header|query>:<name>] [--force]
      One action component per operation: inspector fields from its parameters and JSON body, output
      schema from its 2xx answer, the account from securitySchemes. Then: weft connector validate <dir>.`;

type Out = (line: string) => void;

const list = (value: string | undefined): string[] | undefined => value?.split(',').map((item) => item.trim()).filter(Boolean);

export async function runGenerateCommand(args: readonly string[], out: Out = console.log, err: Out = console.error): Promise<number> {
  const [kind, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string' }, name: { type: 'string' }, tags: { type: 'string' }, operations: { type: 'string' },
        'base-url': { type: 'string' }, version: { type: 'string' }, auth: { type: 'string' }, force: { type: 'boolean' },
      },
    });
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [specPath] = positionals;
  if (kind !== 'openapi' || specPath === undefined || values.out === undefined || values.name === undefined) {
    err(USAGE);
    return 2;
  }
  const target = resolve(values.out);
  if (existsSync(join(target, 'package.json')) && values.force !== true) {
    err(`✗ ${target} already holds a package.json; choose an empty folder or pass --force to overwrite the generated files.`);
    return 1;
  }
  try {
    const spec = await parseSpecText(await readFile(specPath, 'utf8'), specPath);
    const generated = generateOpenApiConnector(spec, {
      name: values.name, tags: list(values.tags), operations: list(values.operations), baseUrl: values['base-url'], version: values.version,
      auth: values.auth === undefined ? undefined : parseAuthOption(values.auth),
    });
    for (const [path, text] of Object.entries(generated.files)) {
      await mkdir(join(target, path, '..'), { recursive: true });
      await writeFile(join(target, path), text);
    }
    out(`Generated ${values.name} in ${target}: ${generated.components.length} component${generated.components.length === 1 ? '' : 's'}${generated.skipped.length > 0 ? `, ${generated.skipped.length} operation${generated.skipped.length === 1 ? '' : 's'} skipped (see README.md)` : ''}.`);
    out(`Next: weft connector validate ${values.out}`);
    return 0;
  } catch (error) {
    if (error instanceof OpenApiError) {
      err(`✗ ${error.message}`);
      return 1;
    }
    throw error;
  }
}
