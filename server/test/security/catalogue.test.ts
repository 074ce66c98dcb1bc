/**
 * Every error code Weft's own code raises is in the error catalogue of the connector kit, and a
 * throw site that names a status or a retry advice names the catalogue's. The source of server/src
 * and packages/*\/src is read as TypeScript and each place a code is made is checked: a failure
 * says which code, where, and the line to add.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineComponent, ERROR_CATALOGUE, errorSpec, WeftError } from '@weft/connector-kit';
import { callWebhook, node, reply, WEBHOOK } from '../connectors/flow-builder.ts';
import { http, startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const CATALOGUE_FILE = 'packages/connector-kit/src/error-catalogue.ts';

/** A dotted `area.reason` code, or one of the sandbox's SANDBOX_* codes. */
const CODE_LIKE = /^(?:[a-z]+(?:\.[a-z0-9_]+)+|SANDBOX_[A-Z_]+)$/;

interface CodeSite {
  code: string;
  where: string;
  /** What the site says explicitly, to compare with the catalogue. */
  status?: number;
  retry?: string;
}

/** Every place `source` makes an error code. */
export function codeSites(source: string, fileName: string): CodeSite[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const sites: CodeSite[] = [];
  const where = (node: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
  const literal = (node: ts.Node | undefined): string | undefined =>
    node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
  const add = (node: ts.Node, code: string | undefined, extra: Partial<CodeSite> = {}) => {
    if (code !== undefined && CODE_LIKE.test(code)) sites.push({ code, where: where(node), ...extra });
  };
  const stated = (options: ts.Node | undefined): Partial<CodeSite> => {
    const out: Partial<CodeSite> = {};
    if (options === undefined || !ts.isObjectLiteralExpression(options)) return out;
    for (const property of options.properties) {
      if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue;
      if (property.name.text === 'status' && ts.isNumericLiteral(property.initializer)) out.status = Number(property.initializer.text);
      const retry = literal(property.initializer);
      if (property.name.text === 'retry' && retry !== undefined) out.retry = retry;
    }
    return out;
  };
  const calleeName = (node: ts.CallExpression | ts.NewExpression): string | undefined => {
    const callee = node.expression;
    if (ts.isIdentifier(callee)) return callee.text;
    if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
    return undefined;
  };
  /** Codes the client makes up in the browser (`network.failed`) never come from the server. */
  const insideApiError = (node: ts.Node): boolean => {
    for (let at: ts.Node | undefined = node.parent; at !== undefined; at = at.parent) {
      if (ts.isNewExpression(at) && calleeName(at) === 'ApiError') return true;
    }
    return false;
  };
  const literalsOf = (node: ts.Node): ts.Node[] => {
    if (ts.isConditionalExpression(node)) return [...literalsOf(node.whenTrue), ...literalsOf(node.whenFalse)];
    if (ts.isParenthesizedExpression(node)) return literalsOf(node.expression);
    return [node];
  };

  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) || ts.isCallExpression(node)) {
      const name = calleeName(node);
      const args = node.arguments ?? ts.factory.createNodeArray();
      // new WeftError('x.y', message, { status, retry }) and weftError('x.y', message, options)
      if (name === 'WeftError' || name === 'weftError') add(node, literal(args[0]), stated(args[2]));
      // flow validation: report(componentId, 'port.unknown', path, message)
      if (name === 'report') add(node, literal(args[1]));
      // c.json({ error: { code: 'x.y', … } }, 409)
      if (name === 'json' && args[0] !== undefined && ts.isObjectLiteralExpression(args[0]) && args[1] !== undefined && ts.isNumericLiteral(args[1])) {
        const error = args[0].properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'error');
        if (error && ts.isObjectLiteralExpression(error.initializer)) {
          const code = error.initializer.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'code');
          if (code) add(code, literal(code.initializer), { status: Number(args[1].text) });
        }
      }
    }
    // { code: 'x.y', message } : an error, a problem or a sandbox failure as data
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'code' && !insideApiError(node)) {
      for (const value of literalsOf(node.initializer)) add(value, literal(value));
    }
    // const code = wrong ? 'modifier.bad_args' : 'modifier.failed'
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && /code$/i.test(node.name.text) && node.initializer !== undefined) {
      for (const value of literalsOf(node.initializer)) add(value, literal(value));
    }
    // error.code === 'x.y'
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(node.operatorToken.kind)) {
      const named = (side: ts.Node) => (ts.isPropertyAccessExpression(side) ? side.name.text : ts.isIdentifier(side) ? side.text : '');
      if (/code$/i.test(named(node.left))) add(node.right, literal(node.right));
      if (/code$/i.test(named(node.right))) add(node.left, literal(node.left));
    }
    // code: 'variable.malformed' | 'modifier.unknown' and type SandboxErrorCode = 'SANDBOX_…' | …
    const typed = ts.isPropertySignature(node) && ts.isIdentifier(node.name) && node.name.text === 'code' ? node.type
      : ts.isTypeAliasDeclaration(node) && /ErrorCode$/.test(node.name.text) ? node.type : undefined;
    if (typed !== undefined) {
      const members = ts.isUnionTypeNode(typed) ? typed.types : [typed];
      for (const member of members) if (ts.isLiteralTypeNode(member)) add(member, literal(member.literal));
    }
    // Any SANDBOX_* literal, e.g. fail('SANDBOX_TIMEOUT', …)
    const text = literal(node);
    if (text !== undefined && /^SANDBOX_[A-Z_]+$/.test(text)) add(node, text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  // One site per code and line, keeping what any rule saw there.
  const merged = new Map<string, CodeSite>();
  for (const site of sites) {
    const key = `${site.code}@${site.where}`;
    merged.set(key, { ...merged.get(key), ...site, ...merged.get(key) });
  }
  return [...merged.values()];
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // store-contract/: the Store's contract suites and their fixtures, test code like *.contract.ts.
      if (!['node_modules', 'dist', 'testing', 'store-contract'].includes(entry.name)) sourceFiles(path, out);
    } else if (/\.tsx?$/.test(entry.name) && !/\.(test|contract)\.tsx?$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

function scanRepository(): CodeSite[] {
  const roots = [join(ROOT, 'server/src'), ...readdirSync(join(ROOT, 'packages')).map((name) => join(ROOT, 'packages', name, 'src'))];
  return roots.flatMap((root) => {
    try {
      return sourceFiles(root);
    } catch {
      return [];
    }
  }).filter((path) => relative(ROOT, path) !== CATALOGUE_FILE)
    .flatMap((path) => codeSites(readFileSync(path, 'utf8'), relative(ROOT, path)));
}

/** The sentences of a failure, one per site that disagrees with the catalogue. */
function disagreements(sites: CodeSite[]): string[] {
  const problems: string[] = [];
  for (const site of sites) {
    const spec = errorSpec(site.code);
    if (!spec) {
      problems.push(`${site.code} (at ${site.where}) is not in the error catalogue: add a line to ERROR_CATALOGUE in ${CATALOGUE_FILE}, e.g. '${site.code}': { status: ${site.status ?? 500}, retry: '${site.retry ?? 'never'}', sentence: '…' },`);
      continue;
    }
    if (site.status !== undefined && site.status !== spec.status) problems.push(`${site.where} gives ${site.code} status ${site.status}, but the catalogue says ${spec.status}: make them agree`);
    if (site.retry !== undefined && site.retry !== spec.retry) problems.push(`${site.where} gives ${site.code} retry '${site.retry}', but the catalogue says '${spec.retry}': make them agree`);
  }
  return problems;
}

describe("the error catalogue against the source", () => {
  const sites = scanRepository();

  it('finds the codes raised across the server and the packages', () => {
    const codes = new Set(sites.map((s) => s.code));
    // A scan that finds nothing proves nothing: these are raised in very different ways.
    for (const code of ['flow.not_found', 'flow.not_running', 'log.bad_cursor', 'bus.closed', 'SANDBOX_TIMEOUT', 'modifier.bad_args', 'port.unknown', 'route.not_found', 'webhook.timeout']) {
      expect(codes, code).toContain(code);
    }
  });

  it('lists every code the source raises, with the status and retry advice the throw sites give', () => {
    expect(disagreements(sites)).toEqual([]);
  });

  it('lists no code the source never raises', () => {
    const raised = new Set(sites.map((s) => s.code));
    // Raised under a computed name: notFound(what) in server/src/api/errors.ts, and the
    // `code` that the sandbox and the modifiers hand over at run time.
    const computed = new Set(['user.not_found', 'unprocessed.not_found', 'component.not_found', 'flow.not_found', 'component.cancelled', 'component.retry']);
    const unused = Object.keys(ERROR_CATALOGUE).filter((code) => !raised.has(code) && !computed.has(code));
    expect(unused).toEqual([]);
  });
});

describe('when code raises a code the catalogue lacks, or disagrees with it', () => {
  it('names the code, the file and the line', () => {
    const source = [
      "import { WeftError } from '@weft/connector-kit';",
      "throw new WeftError('logs.bad_cursor', 'No.', { status: 400, retry: 'never' });",
      "throw new WeftError('flow.not_running', 'Stopped.', { status: 500, retry: 'retry' });",
    ].join('\n');
    expect(disagreements(codeSites(source, 'server/src/adapters/x.ts'))).toEqual([
      `logs.bad_cursor (at server/src/adapters/x.ts:2) is not in the error catalogue: add a line to ERROR_CATALOGUE in ${CATALOGUE_FILE}, e.g. 'logs.bad_cursor': { status: 400, retry: 'never', sentence: '…' },`,
      'server/src/adapters/x.ts:3 gives flow.not_running status 500, but the catalogue says 409: make them agree',
      "server/src/adapters/x.ts:3 gives flow.not_running retry 'retry', but the catalogue says 'never': make them agree",
    ]);
  });

  it('sees codes made as data, in answers, comparisons and types', () => {
    const source = [
      "const body = { error: { code: 'x.one', message: 'm' } };",
      "return c.json({ error: { code: 'modifier.conflict', message } }, 412);",
      "if (error.code === 'x.two') {}",
      "type Failure = { code: 'x.three' | 'x.four' };",
      "const code = wrong ? 'x.five' : 'x.six';",
      "report(id, 'x.seven', [], 'message');",
      "fail('SANDBOX_NOPE', 'message');",
      "throw new ApiError({ status: 0, code: 'network.failed', message: 'offline' });",
    ].join('\n');
    const found = codeSites(source, 'a.ts').map((s) => `${s.code}@${s.where}${s.status === undefined ? '' : `:${s.status}`}`);
    expect(found).toEqual(['x.one@a.ts:1', 'modifier.conflict@a.ts:2:412', 'x.two@a.ts:3', 'x.three@a.ts:4', 'x.four@a.ts:4', 'x.five@a.ts:5', 'x.six@a.ts:5', 'x.seven@a.ts:6', 'SANDBOX_NOPE@a.ts:7']);
  });
});

/** A connector whose select options fail: one with a catalogued code and the wrong status, one with a code of its own. */
const Picky = defineComponent(
  { name: 'acme.test.Picky', label: 'Picky', inPorts: [{ name: 'in' }] },
  {
    async options(name) {
      if (name === 'catalogued') throw new WeftError('flow.not_found', 'No such flow upstream.', { status: 500, retry: 'retry' });
      throw new WeftError('acme.crm.gone', 'The CRM account is gone.', { status: 410, retry: 'never' });
    },
    async receive() {},
  },
);

describe('the API and the engine with the error catalogue', () => {
  let weft: TestWeft;
  let user: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft({ components: [Picky] });
    user = await weft.signup();
  });
  afterAll(() => weft.close());

  it('lists the catalogue at GET /errors, without a token, and in /openapi.json', async () => {
    const listed = await http<{ items: { code: string; status: number; retry: string; sentence: string }[] }>(`${weft.url}/errors`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(Object.keys(ERROR_CATALOGUE).length);
    expect(listed.body.items).toContainEqual({ code: 'flow.not_running', status: 409, retry: 'never', sentence: ERROR_CATALOGUE['flow.not_running'].sentence });
    const openapi = await http<{ paths: Record<string, unknown> }>(`${weft.url}/openapi.json`);
    expect(openapi.body.paths['/errors']).toBeDefined();
  });

  it("answers a catalogued code with the catalogue's status, whatever the thrower said", async () => {
    const answer = await user.call('GET', '/components/acme.test.Picky/options/catalogued');
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: 'flow.not_found', message: 'No such flow upstream.' });
  });

  it("answers a connector's own code with the status it carries", async () => {
    const answer = await user.call('GET', '/components/acme.test.Picky/options/other');
    expect(answer.status).toBe(410);
    expect(answer.body.error).toMatchObject({ code: 'acme.crm.gone' });
  });

  it('parks a call to a stopped flow at once as flow.not_running, as a webhook of a stopped flow is refused', async () => {
    const calleeId = await user.createFlow({ entry: node('weft.utils.controls.OnCall') }, 'Stopped callee');
    const stoppedHookId = await user.createFlow({ hook: node(WEBHOOK) }, 'Stopped hook');
    const stopped = await callWebhook(weft, stoppedHookId, {});
    expect(stopped).toMatchObject({ status: 409, body: { error: { code: 'flow.not_running' } } });

    const callerId = await user.createFlow({
      hook: node(WEBHOOK),
      call: node('weft.utils.controls.CallFlow', ['hook.out'], { lambda: { flowId: calleeId, data: {} } }),
      reply: reply('call.out', 'unreachable'),
    }, 'Caller of a stopped flow');
    await user.startFlow(callerId);
    const answer = await callWebhook(weft, callerId, {});
    expect(answer.status).toBe(500);
    const [failed] = await user.waitForLogs({ flowId: callerId, componentId: 'call', direction: 'error' }, (records) => records.length >= 1);
    // Retrying cannot start the called flow: the first failure is the last one.
    expect(failed).toMatchObject({ severity: 'error', error: { code: 'flow.not_running' } });
    const parked = await user.call<{ items: { flowId: string; attempts: number; error: { code: string } }[] }>('GET', `/unprocessed-messages?flowId=${callerId}`);
    expect(parked.body.items).toEqual([expect.objectContaining({ attempts: 1, error: expect.objectContaining({ code: 'flow.not_running' }) })]);
  });
});
