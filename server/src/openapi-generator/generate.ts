/**
 * @module `weft generate openapi`: an OpenAPI 3 document → a connector package. One action per
 * operation (inspector fields from its parameters and JSON request body, output schema from its 2xx
 * answer), auth from `securitySchemes`. The manifests and request plans are data
 * (`src/operations.json`); one runtime (`runtime.js`, copied in) makes every call.
 */
import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import { ConnectorName, ConnectorSection, Manifest, type InspectorInput, type JsonSchema, type ManifestInput } from '@weft/connector-kit';
import { isObject, RefResolver, shortText, toJsonSchema, type OpenApiObject } from './schema.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
/** Levels of nested fields kept in an output schema: enough for variables, small enough for ~1,000 operations. */
const OUTPUT_DEPTH = 3;
const INPUT_DEPTH = 2;

/** How the runtime authenticates; the account holds the values. */
export type ApiAuth =
  | { kind: 'none' }
  | { kind: 'bearer' }
  | { kind: 'basic' }
  | { kind: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string }
  | { kind: 'oauth2' };

/** Where one in-port field goes in the HTTP request. */
export interface PlannedParameter {
  field: string;
  name: string;
  in: 'path' | 'query' | 'header';
  /** JSON text allowed (an object or array typed as text in the inspector). */
  json?: boolean;
}

export interface RequestPlan {
  method: string;
  path: string;
  parameters: PlannedParameter[];
  /**
   * `fields`: the body is an object of these in-port fields (field → body property), those in `json`
   * parsed from JSON text; `whole`: that one field is the body.
   */
  body?: { contentType: string; fields: Record<string, string>; json?: string[] } | { contentType: string; whole: string };
  /** How the answer maps to the out port: an object body as is, anything else under `items`/`body`. */
  output: 'object' | 'items' | 'body';
}

export interface GeneratedOperation {
  operationId: string;
  manifest: ManifestInput;
  request: RequestPlan;
}

export interface GenerateOptions {
  /** `vendor.app`. */
  name: string;
  /** Only operations with one of these tags. */
  tags?: readonly string[] | undefined;
  /** Only these operations (operationId). */
  operations?: readonly string[] | undefined;
  /** Overrides `servers[0].url` (e.g. a GitHub Enterprise host, or a local server in tests). */
  baseUrl?: string | undefined;
  version?: string | undefined;
  /** How to authenticate when the document says nothing (GitHub's) or something else. */
  auth?: ApiAuth | undefined;
}

export interface GeneratedConnector {
  /** Relative path → file text. */
  files: Record<string, string>;
  components: string[];
  skipped: { operation: string; reason: string }[];
}

export class OpenApiError extends Error {}

/** Parses a JSON or YAML text (YAML only if it is not JSON). */
export async function parseSpecText(text: string, source: string): Promise<OpenApiObject> {
  let parsed: unknown;
  try {
    parsed = text.trimStart().startsWith('{') ? JSON.parse(text) : (await import('yaml')).parse(text, { maxAliasCount: 1000 });
  } catch (error) {
    throw new OpenApiError(`${source}: not JSON or YAML (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (!isObject(parsed)) throw new OpenApiError(`${source}: expected an OpenAPI document (an object)`);
  return parsed;
}

export function generateOpenApiConnector(spec: OpenApiObject, options: GenerateOptions): GeneratedConnector {
  const name = ConnectorName.safeParse(options.name);
  if (!name.success) throw new OpenApiError(`--name: ${name.error.issues[0]?.message ?? 'invalid'}`);
  if (typeof spec.swagger === 'string') throw new OpenApiError(`This is a Swagger ${spec.swagger} document; convert it to OpenAPI 3 first (e.g. with swagger2openapi).`);
  if (typeof spec.openapi !== 'string' || !spec.openapi.startsWith('3.')) throw new OpenApiError('Not an OpenAPI 3 document: the "openapi" field is missing or not 3.x.');
  if (!isObject(spec.paths)) throw new OpenApiError('The document has no "paths".');
  const refs = new RefResolver(spec);
  const info = isObject(spec.info) ? spec.info : {};
  const baseUrl = options.baseUrl ?? serverUrl(spec);
  if (baseUrl === undefined) throw new OpenApiError('The document names no absolute server URL; pass --base-url.');
  const auth = chooseAuth(spec, refs, options.auth);

  const wantedTags = options.tags && options.tags.length > 0 ? new Set(options.tags) : undefined;
  const wantedOps = options.operations && options.operations.length > 0 ? new Set(options.operations) : undefined;
  const operations: GeneratedOperation[] = [];
  const skipped: GeneratedConnector['skipped'] = [];
  const usedNames = new Set<string>();

  for (const [path, rawItem] of Object.entries(spec.paths)) {
    const item = refs.resolve(rawItem)?.value;
    if (item === undefined) continue;
    for (const method of METHODS) {
      const operation = isObject(item[method]) ? item[method] : undefined;
      if (operation === undefined) continue;
      const operationId = typeof operation.operationId === 'string' ? operation.operationId : `${method} ${path}`;
      const tags = Array.isArray(operation.tags) ? operation.tags.filter((tag): tag is string => typeof tag === 'string') : [];
      if (wantedTags && !tags.some((tag) => wantedTags.has(tag))) continue;
      if (wantedOps && !wantedOps.has(operationId)) continue;
      if (operation.deprecated === true && !wantedOps) {
        skipped.push({ operation: operationId, reason: 'deprecated' });
        continue;
      }
      try {
        const componentName = uniqueName(`${name.data}.${pascal(operationId)}`, usedNames);
        operations.push(generateOperation({ componentName, method, path, item, operation, operationId, tags, refs, auth }));
      } catch (error) {
        skipped.push({ operation: operationId, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  if (wantedOps) for (const id of wantedOps) if (!operations.some((op) => op.operationId === id)) skipped.push({ operation: id, reason: 'not in the document' });
  if (operations.length === 0) throw new OpenApiError('No operation matched: check --tags / --operations.');

  const title = shortText(info.title, 200) ?? name.data;
  const section = ConnectorSection.parse({
    name: name.data,
    label: title,
    description: shortText(info.description, 2000) ?? '',
    author: shortText(isObject(info.contact) ? info.contact.name : undefined, 200) ?? '',
    icon: initialsIcon(title),
    ...(auth.block ? { auth: auth.block } : {}),
    components: 'src/index.js',
  });
  const [vendor, app] = name.data.split('.');
  const packageJson = {
    name: `weft-connector-${vendor}-${app}`,
    version: options.version ?? '0.1.0',
    description: `${title} connector for Weft, generated from its OpenAPI document${typeof info.version === 'string' ? ` (API version ${info.version})` : ''}.`,
    type: 'module',
    files: ['src'],
    peerDependencies: { '@weft/connector-kit': '*' },
    weft: section,
  };
  const api = { connector: name.data, baseUrl, auth: auth.runtime };
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'src/api.json': `${JSON.stringify(api, null, 2)}\n`,
    'src/operations.json': JSON.stringify(operations),
    'src/runtime.js': runtimeSource(),
    'src/index.js': INDEX_JS,
    'README.md': readme(title, name.data, operations, skipped, auth.runtime),
  };
  return { files, components: operations.map((op) => op.manifest.name), skipped };
}

/** runtime.ts as plain JavaScript (it imports only types, which go). */
function runtimeSource(): string {
  const source = readFileSync(new URL('./runtime.ts', import.meta.url), 'utf8');
  const code = transformSync(source, { loader: 'ts', format: 'esm', target: 'node20' }).code;
  return `/** Generated by \`weft generate openapi\` from Weft's openapi-generator/runtime.ts: builds each call from its plan in operations.json. */\n${code}`;
}

const INDEX_JS = `/** Generated by \`weft generate openapi\`: one component per operation, all calling the one runtime. */
import { readFileSync } from 'node:fs';
import { defineComponent } from '@weft/connector-kit';
import { accountOptions, callOperation } from './runtime.js';

const read = (file) => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
const api = read('./api.json');
const operations = read('./operations.json');

export default operations.map(({ manifest, request }) =>
  defineComponent(manifest, {
    receive: (context) => callOperation(context, api, request),
    options: (name, context) => accountOptions(name, context, api),
  }),
);
`;

interface OperationInput {
  componentName: string;
  method: string;
  path: string;
  item: OpenApiObject;
  operation: OpenApiObject;
  operationId: string;
  tags: string[];
  refs: RefResolver;
  auth: ChosenAuth;
}

function generateOperation(input: OperationInput): GeneratedOperation {
  const { componentName, method, path, item, operation, operationId, tags, refs, auth } = input;
  const fields: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const inputs: Record<string, InspectorInput> = {};
  const parameters: PlannedParameter[] = [];
  let index = 0;

  // Path-level parameters, overridden by the operation's own of the same name and place.
  const declared = new Map<string, OpenApiObject>();
  for (const raw of [...asArray(item.parameters), ...asArray(operation.parameters)]) {
    const parameter = refs.resolve(raw)?.value;
    if (parameter === undefined) throw new Error('a parameter is an external or broken $ref');
    if (typeof parameter.name !== 'string' || typeof parameter.in !== 'string') continue;
    declared.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  for (const parameter of declared.values()) {
    const place = parameter.in as string;
    const paramName = parameter.name as string;
    if (place === 'cookie') continue;
    if (place !== 'path' && place !== 'query' && place !== 'header') continue;
    // The account sets auth headers; a parameter of the same name would fight it.
    if (place === 'header' && /^(authorization|accept|content-type)$/i.test(paramName)) continue;
    const field = fieldName(paramName, fields);
    const schema = { ...toJsonSchema(parameter.schema, refs, INPUT_DEPTH), ...describeParameter(parameter) };
    fields[field] = schema;
    if (parameter.required === true || place === 'path') required.push(field);
    inputs[field] = inspectorInput(field, schema, index++, place === 'path' || parameter.required === true);
    parameters.push({ field, name: paramName, in: place, ...(isStructured(schema) ? { json: true } : {}) });
  }

  let body: RequestPlan['body'];
  const requestBody = operation.requestBody === undefined ? undefined : refs.resolve(operation.requestBody)?.value;
  if (operation.requestBody !== undefined && requestBody === undefined) throw new Error('the request body is an external or broken $ref');
  if (requestBody !== undefined) {
    const content = isObject(requestBody.content) ? requestBody.content : {};
    const contentType = Object.keys(content).find((type) => /json/i.test(type)) ?? Object.keys(content).find((type) => type === 'application/x-www-form-urlencoded');
    if (contentType === undefined) throw new Error(`the request body is ${Object.keys(content).join(', ') || 'empty'}; only JSON and form bodies are generated`);
    const media = isObject(content[contentType]) ? content[contentType] : {};
    const schema = toJsonSchema(media.schema, refs, INPUT_DEPTH + 1);
    if (schema.type === 'object' && schema.properties !== undefined) {
      const mapping: Record<string, string> = {};
      const json: string[] = [];
      for (const [property, propertySchema] of Object.entries(schema.properties)) {
        const field = fieldName(property in fields ? `body_${property}` : property, fields);
        fields[field] = propertySchema;
        mapping[field] = property;
        if (isStructured(propertySchema) || propertySchema.type === 'any') json.push(field);
        const isRequired = requestBody.required === true && (schema.required ?? []).includes(property);
        if (isRequired) required.push(field);
        inputs[field] = inspectorInput(field, propertySchema, index++, isRequired);
      }
      body = { contentType, fields: mapping, ...(json.length > 0 ? { json } : {}) };
    } else {
      const field = fieldName('body', fields);
      fields[field] = { ...schema, type: schema.type ?? 'any', title: 'Body' };
      if (requestBody.required === true) required.push(field);
      inputs[field] = inspectorInput(field, fields[field], index++, requestBody.required === true);
      body = { contentType, whole: field };
    }
  }

  const { schema: outSchema, output } = outputOf(operation, refs);
  const label = shortText(operation.summary, 120) ?? operationId;
  const description = `${shortText(operation.description, 1000) ?? label} (${operationId})`;
  const manifest: ManifestInput = {
    name: componentName,
    label,
    description,
    category: tags[0] ?? 'api',
    inPorts: [{ name: 'in', schema: { type: 'object', properties: fields, ...(required.length > 0 ? { required } : {}) }, inspector: { inputs } }],
    outPorts: [{ name: 'out', schema: outSchema }],
    ...(auth.runtime.kind === 'none'
      ? {}
      : {
          properties: {
            schema: { type: 'object', properties: { account: { type: 'string', description: 'Id of the connected account the call is made with.' } }, required: ['account'] },
            inspector: { inputs: { account: { type: 'select', label: 'Account', index: 0, source: { name: 'accounts' }, variables: false } } },
          },
        }),
  };
  // Checked here so that a bad operation is skipped with its reason instead of failing the package.
  const checked = Manifest.safeParse(manifest);
  if (!checked.success) throw new Error(`manifest: ${checked.error.issues[0]?.path.join('.')}: ${checked.error.issues[0]?.message}`);
  return { operationId, manifest, request: { method: method.toUpperCase(), path, parameters, ...(body ? { body } : {}), output } };
}

function outputOf(operation: OpenApiObject, refs: RefResolver): { schema: JsonSchema; output: RequestPlan['output'] } {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const code = Object.keys(responses).filter((key) => /^2(\d\d|XX)$/i.test(key)).sort()[0];
  const response = code === undefined ? undefined : refs.resolve(responses[code])?.value;
  const content = response && isObject(response.content) ? response.content : {};
  const jsonType = Object.keys(content).find((type) => /json/i.test(type));
  if (jsonType === undefined) return { schema: { type: 'object', properties: { status: { type: 'integer', title: 'HTTP status' }, body: { type: 'any', title: 'Body' } } }, output: 'body' };
  const media = isObject(content[jsonType]) ? content[jsonType] : {};
  const schema = toJsonSchema(media.schema, refs, OUTPUT_DEPTH);
  if (schema.type === 'object') return { schema, output: 'object' };
  if (schema.type === 'array') return { schema: { type: 'object', properties: { items: schema } }, output: 'items' };
  return { schema: { type: 'object', properties: { status: { type: 'integer', title: 'HTTP status' }, body: schema } }, output: 'body' };
}

type ChosenAuth = { runtime: ApiAuth; block?: Record<string, unknown> };

/** The account block of the package for `auth` (what the account form asks for). */
function authBlock(auth: ApiAuth, label?: string, oauth2?: { authUrl: string; tokenUrl: string; scopes: string[] }): ChosenAuth {
  switch (auth.kind) {
    case 'none':
      return { runtime: auth };
    case 'bearer':
      return { runtime: auth, block: { type: 'apiKey', label: label ?? 'Access token', fields: { token: { label: 'Token', type: 'password', required: true } } } };
    case 'basic':
      return { runtime: auth, block: { type: 'pwd', label: label ?? 'User name and password', fields: { username: { label: 'User name', type: 'text', required: true }, password: { label: 'Password', type: 'password', required: true } } } };
    case 'apiKey':
      return { runtime: auth, block: { type: 'apiKey', label: label ?? 'API key', fields: { apiKey: { label: auth.name, type: 'password', required: true } } } };
    case 'oauth2':
      return { runtime: auth, block: { type: 'oauth2', label: label ?? 'OAuth 2', ...(oauth2 ? { oauth2 } : {}) } };
  }
}

/** `--auth bearer | basic | none | apiKey:header:X-Key | apiKey:query:key`, for documents that omit or misstate it. */
export function parseAuthOption(text: string): ApiAuth {
  const [kind, place, name] = text.split(':');
  if ((kind === 'bearer' || kind === 'basic' || kind === 'none') && place === undefined) return { kind };
  if (kind === 'apiKey' && (place === 'header' || place === 'query' || place === 'cookie') && name) return { kind, in: place, name };
  throw new OpenApiError(`--auth ${text}: use bearer, basic, none, or apiKey:<header|query|cookie>:<name>`);
}

function chooseAuth(spec: OpenApiObject, refs: RefResolver, override: ApiAuth | undefined): ChosenAuth {
  if (override !== undefined) return authBlock(override);
  const components = isObject(spec.components) ? spec.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  // The scheme the document asks for first globally, else the first one declared.
  const globalNames = asArray(spec.security).flatMap((requirement) => (isObject(requirement) ? Object.keys(requirement) : []));
  for (const schemeName of [...globalNames, ...Object.keys(schemes)]) {
    const scheme = refs.resolve(schemes[schemeName])?.value;
    if (scheme === undefined) continue;
    const label = shortText(scheme.description, 200);
    const httpScheme = typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : undefined;
    if (scheme.type === 'http' && httpScheme === 'bearer') return authBlock({ kind: 'bearer' }, label);
    if (scheme.type === 'http' && httpScheme === 'basic') return authBlock({ kind: 'basic' }, label);
    if (scheme.type === 'apiKey' && typeof scheme.name === 'string' && (scheme.in === 'header' || scheme.in === 'query' || scheme.in === 'cookie')) {
      return authBlock({ kind: 'apiKey', in: scheme.in, name: scheme.name }, label);
    }
    if (scheme.type === 'oauth2' && isObject(scheme.flows)) {
      const flow = isObject(scheme.flows.authorizationCode) ? scheme.flows.authorizationCode : undefined;
      if (flow && typeof flow.authorizationUrl === 'string' && typeof flow.tokenUrl === 'string' && URL.canParse(flow.authorizationUrl) && URL.canParse(flow.tokenUrl)) {
        return authBlock({ kind: 'oauth2' }, label, { authUrl: flow.authorizationUrl, tokenUrl: flow.tokenUrl, scopes: isObject(flow.scopes) ? Object.keys(flow.scopes) : [] });
      }
    }
  }
  return { runtime: { kind: 'none' } };
}

function serverUrl(spec: OpenApiObject): string | undefined {
  const server = asArray(spec.servers).find(isObject);
  if (server === undefined || typeof server.url !== 'string') return undefined;
  const variables = isObject(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]+)\}/g, (whole, variable: string) => {
    const value = isObject(variables[variable]) ? variables[variable].default : undefined;
    return typeof value === 'string' ? value : whole;
  });
  return /^https?:\/\//.test(url) && URL.canParse(url) ? url.replace(/\/+$/, '') : undefined;
}

function describeParameter(parameter: OpenApiObject): Pick<JsonSchema, 'description'> {
  const description = shortText(parameter.description);
  return description ? { description } : {};
}

const isStructured = (schema: JsonSchema): boolean => schema.type === 'object' || schema.type === 'array';

function inspectorInput(field: string, schema: JsonSchema, index: number, required: boolean): InspectorInput {
  const label = `${humanize(schema.title ?? field)}${required ? ' *' : ''}`;
  const tooltip = schema.description;
  const base = { label, index, ...(tooltip ? { tooltip } : {}) };
  if (schema.enum !== undefined && schema.enum.length > 0) return { type: 'select', ...base, options: schema.enum.map((value) => ({ label: String(value), value })) };
  if (schema.type === 'boolean') return { type: 'toggle', ...base };
  if (schema.type === 'integer' || schema.type === 'number') return { type: 'number', ...base };
  if (isStructured(schema) || schema.type === 'any') return { type: 'textarea', ...base, placeholder: schema.type === 'array' ? '[ … ] (JSON)' : '{ … } (JSON)' };
  return { type: 'text', ...base };
}

function fieldName(wanted: string, taken: Record<string, unknown>): string {
  let name = wanted;
  for (let n = 2; name in taken; n++) name = `${wanted}_${n}`;
  return name;
}

function uniqueName(wanted: string, used: Set<string>): string {
  let name = wanted;
  for (let n = 2; used.has(name); n++) name = `${wanted}${n}`;
  used.add(name);
  return name;
}

/** `repos/get-content` → `ReposGetContent`; the result is a valid last part of a component name. */
export function pascal(text: string): string {
  const words = text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  return joined === '' ? 'Operation' : /^[0-9]/.test(joined) ? `Op${joined}` : joined;
}

const humanize = (text: string): string => {
  const spaced = text.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function initialsIcon(title: string): string {
  const initials = title.split(/\s+/).map((word) => word.replace(/[^A-Za-z0-9]/g, '').charAt(0)).filter(Boolean).slice(0, 2).join('').toUpperCase() || 'API';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#0f766e"/><text x="12" y="16" font-family="sans-serif" font-size="10" font-weight="700" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

function readme(title: string, name: string, operations: GeneratedOperation[], skipped: GeneratedConnector['skipped'], auth: ApiAuth): string {
  const lines = [
    `# ${title} connector for Weft`,
    '',
    `\`${name}\`, generated by \`weft generate openapi\`. Regenerate rather than edit: the manifests and request plans are data in \`src/operations.json\`; \`src/runtime.js\` makes the calls.`,
    '',
    `Account: ${auth.kind === 'none' ? 'none needed' : auth.kind === 'apiKey' ? `an API key sent in the ${auth.in} \`${auth.name}\`` : auth.kind}.`,
    '',
    `## ${operations.length} components`,
    '',
    ...operations.map(({ manifest, request }) => `- \`${manifest.name}\` — ${manifest.label} (\`${request.method} ${request.path}\`)`),
  ];
  if (skipped.length > 0) lines.push('', `## Skipped (${skipped.length})`, '', ...skipped.map(({ operation, reason }) => `- \`${operation}\`: ${reason}`));
  return `${lines.join('\n')}\n`;
}
