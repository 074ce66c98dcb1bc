/**
 * @module `weft flows export <flowId…> --out bundle.json` and `weft flows import bundle.json`: move
 * flows between engines through their API (`GET /flows/:id/export`, `POST /flows/import`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ApiError, BUNDLE_FORMAT, createApiClient, FlowBundle, isApiError, type ApiClient } from '@weft/api-client';
import { withSecretValues } from './cli-args.ts';

const USAGE = `Usage:
  weft flows export <flowId…> --out <bundle.json> --url <engine> --token <token>
      The flows with those they call or report failures to, their custom modifiers and the
      connector versions they need, in one bundle.
  weft flows import <bundle.json> --url <engine> --token <token>
      Recreates them as new stopped flows. With an operator's token, custom modifiers the engine
      lacks are created from the bundle first. Accounts are not carried: the answer lists the
      components whose account to choose again.`;

type Out = (line: string) => void;
type Bundle = ReturnType<typeof FlowBundle.parse>;

/** Several exports as one bundle (a flow reached from two of them appears once). */
export function mergeBundles(bundles: readonly Bundle[]): Bundle {
  const flows = new Map<string, Bundle['flows'][number]>();
  const modifiers = new Map<string, Bundle['modifiers'][number]>();
  const connectors = new Map<string, Bundle['connectors'][number]>();
  for (const bundle of bundles) {
    for (const flow of bundle.flows) flows.set(flow.id, flow);
    for (const modifier of bundle.modifiers) modifiers.set(modifier.name, modifier);
    for (const connector of bundle.connectors) connectors.set(connector.name, connector);
  }
  return { format: BUNDLE_FORMAT, version: 1, exportedAt: Date.now(), flows: [...flows.values()], modifiers: [...modifiers.values()], connectors: [...connectors.values()] };
}

export async function runFlowsCommand(args: readonly string[], out: Out = console.log, err: Out = console.error): Promise<number> {
  const [sub, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({ args: withSecretValues(rest), allowPositionals: true, strict: true, options: { out: { type: 'string' }, url: { type: 'string' }, token: { type: 'string' } } });
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.url === undefined || values.token === undefined || positionals.length === 0 || (sub === 'export' && values.out === undefined) || (sub !== 'export' && sub !== 'import')) {
    err(USAGE);
    return 2;
  }
  const token = values.token;
  const api = createApiClient({ baseUrl: values.url, getToken: () => token });
  try {
    if (sub === 'export') {
      const bundle = mergeBundles(await Promise.all(positionals.map((flowId) => api.exportFlow(flowId).then((b) => FlowBundle.parse(b)))));
      await writeFile(values.out!, `${JSON.stringify(bundle, null, 2)}\n`);
      out(`Exported ${bundle.flows.length} flow${bundle.flows.length === 1 ? '' : 's'} (${bundle.flows.map((f) => f.name).join(', ')}), ${bundle.modifiers.length} custom modifier${bundle.modifiers.length === 1 ? '' : 's'}, ${bundle.connectors.length} connector${bundle.connectors.length === 1 ? '' : 's'} to ${values.out}`);
      return 0;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(positionals[0]!, 'utf8'));
    } catch (error) {
      err(`✗ ${positionals[0]}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    const bundle = FlowBundle.parse(raw);
    const imported = await importWithModifiers(api, bundle, values.url, token, out);
    for (const flow of imported.flows) out(`✓ ${flow.name}: ${flow.flowId} (was ${flow.sourceId})`);
    for (const account of imported.accountsToConnect) out(`  choose an account for "${account.label}" in flow ${account.flowId}`);
    for (const name of imported.modifiersDiffering) out(`  note: the custom modifier "${name}" exists here with another source than the bundle's; the flows use this engine's`);
    return 0;
  } catch (error) {
    if (isApiError(error)) {
      err(`✗ ${error.code} (${error.status}): ${error.message}`);
      const details = Array.isArray(error.details) ? (error.details as { path?: string; message?: string }[]) : [];
      for (const detail of details) err(`  ${detail.path ?? ''}: ${detail.message ?? ''}`);
      return 1;
    }
    throw error;
  }
}

/** Imports; if only custom modifiers are missing and the bundle carries them, creates them (operators) and imports again. */
async function importWithModifiers(api: ApiClient, bundle: Bundle, url: string, token: string, out: Out) {
  try {
    return await api.importFlows(bundle);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'bundle.unsatisfied') throw error;
    const details = (Array.isArray(error.details) ? error.details : []) as { code?: string; message?: string }[];
    if (details.length === 0 || !details.every((detail) => detail.code === 'bundle.modifier_missing')) throw error;
    const missing = bundle.modifiers.filter((modifier) => details.some((detail) => detail.message?.includes(`"${modifier.name}"`)));
    if (missing.length === 0) throw error;
    for (const modifier of missing) {
      const response = await fetch(`${url.replace(/\/+$/, '')}/modifiers`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(modifier),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
        throw new ApiError({ status: response.status, code: body.error?.code ?? 'modifier.create_failed', message: `Creating the custom modifier "${modifier.name}" failed: ${body.error?.message ?? response.statusText}` });
      }
      out(`✓ custom modifier ${modifier.name} created`);
    }
    return await api.importFlows(bundle);
  }
}
