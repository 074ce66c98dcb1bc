/**
 * @module CLI: `weft start` runs every role in one process; `weft api|worker|scheduler|indexer` run
 * one role each; `weft users …` manages accounts (operators, support); `weft keys …` host API keys;
 * `weft secrets rotate` re-encrypts secrets; `weft connector …` builds connector packages;
 * `weft flows export|import` moves flows; `weft generate openapi` makes a connector from an OpenAPI document.
 */
import { loadConfig } from './config.ts';
import { escapeLine, printError } from './engine/stderr-lines.ts';
import { ALL_ROLES, startWeft, type Role } from './runtime.ts';

const command = process.argv[2] ?? 'start';
/** A command of its own (not a role): run it, exit with its code, or print its error and exit 1. */
async function runCommand(run: () => Promise<number>): Promise<never> {
  try {
    process.exit(await run());
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
const args = process.argv.slice(3);
if (command === 'users') await runCommand(async () => (await import('./users-command.ts')).runUsersCommand(args, loadConfig()));
if (command === 'keys') await runCommand(async () => (await import('./keys-command.ts')).runKeysCommand(args, loadConfig()));
if (command === 'secrets') await runCommand(async () => (await import('./secrets-command.ts')).runSecretsCommand(args, loadConfig()));
if (command === 'connector') await runCommand(async () => (await import('./connector-command.ts')).runConnectorCommand(args));
if (command === 'flows') await runCommand(async () => (await import('./flows-command.ts')).runFlowsCommand(args));
if (command === 'generate') await runCommand(async () => (await import('./generate-command.ts')).runGenerateCommand(args));

const rolesByCommand: Record<string, readonly Role[]> = { start: ALL_ROLES, api: ['api'], worker: ['worker'], scheduler: ['scheduler'], indexer: ['indexer'] };
/** `WEFT_ROLES=worker,scheduler,indexer weft start`: some roles in one process (e.g. api in one process, the rest in another). */
function startRoles(): readonly Role[] {
  const listed = process.env.WEFT_ROLES?.split(',').map((role) => role.trim()).filter(Boolean);
  if (listed === undefined || listed.length === 0) return ALL_ROLES;
  const unknown = listed.filter((role) => !(ALL_ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) {
    console.error(`WEFT_ROLES names unknown roles: ${escapeLine(unknown.join(', '))}. Use some of: ${ALL_ROLES.join(', ')}.`);
    process.exit(2);
  }
  return listed as Role[];
}
const roles = command === 'start' ? startRoles() : rolesByCommand[command];
if (!roles) {
  console.error(`Unknown command "${escapeLine(command)}". Use: weft start | api | worker | scheduler | indexer | users | keys | secrets | connector | flows | generate`);
  process.exit(2);
}

try {
  const config = loadConfig();
  const weft = await startWeft({ config, roles });
  console.log(`Weft ${command} (${roles.join(', ')}) on store=${weft.adapters.names.store} bus=${weft.adapters.names.bus} logs=${weft.adapters.names.logs}`);
  console.log(weft.secretsNotice);
  if (weft.port !== undefined) console.log(`Weft is listening on ${weft.url}  (Studio at ${weft.url}/, API docs at ${weft.url}/openapi.json)`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining…`);
    weft.close().then(() => process.exit(0), (error: unknown) => {
      printError('[weft]', error);
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
