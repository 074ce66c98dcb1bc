/** @module Failure-test components: they leave what they did in files under one folder the test reads. */
import { appendFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineComponent, type ComponentDefinition } from '@weft/connector-kit';

export function failureComponents(dir: string): ComponentDefinition[] {
  const effects = join(dir, 'effects');
  const drafts = join(dir, 'effect-drafts');
  mkdirSync(effects, { recursive: true });
  mkdirSync(drafts, { recursive: true });
  /**
   * Appends `correlationId messageId time` on every receive (what ran), and creates one file per
   * message id (the effect, idempotent by message id). Synchronous: SIGKILL cannot lose either.
   * The effect file appears whole or not at all: it is written under another name, then linked
   * into place (a link fails if the name exists). Opening it in place with `wx` and then writing
   * left an empty file when SIGKILL landed between the two calls, and the redelivery, finding the
   * name taken, wrote nothing: a run that looked lost.
   */
  const Record = defineComponent(
    { name: 'test.failure.Record', label: 'Record', inPorts: [{ name: 'in' }], outPorts: [] },
    {
      async receive(context) {
        const input = context.messages.in!;
        appendFileSync(join(dir, 'received.log'), `${context.correlationId} ${input.messageId} ${Date.now()}\n`);
        const draft = join(drafts, `${input.messageId}.${process.pid}`);
        writeFileSync(draft, context.correlationId);
        try {
          linkSync(draft, join(effects, input.messageId));
        } catch (error) {
          // Already there: this message's effect happened once, before a redelivery.
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        } finally {
          unlinkSync(draft);
        }
      },
    },
  );
  /** Fails every attempt, noting its time, until the test writes the `fixed` file. */
  const Poison = defineComponent(
    { name: 'test.failure.Poison', label: 'Poison', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
    {
      async receive(context) {
        appendFileSync(join(dir, 'attempts.log'), `${context.messages.in!.messageId} ${Date.now()}\n`);
        if (!existsSync(join(dir, 'fixed'))) throw new Error('poison: cannot handle this message yet');
        await context.sendJson(context.messages.in!.content, 'out');
      },
    },
  );
  /**
   * Kills its own process on every receive, as a native crash or the OOM killer would: no ack, no
   * cleanup. `pure`: it says it has no effects, so the engine runs it inside the delivery that reaches it.
   */
  const killer = (name: string, pure: boolean) => defineComponent(
    { name, label: 'Killer', pure, inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
    {
      async receive(context) {
        appendFileSync(join(dir, 'kills.log'), `${context.messages.in!.messageId} ${context.attempt} ${Date.now()}\n`);
        process.kill(process.pid, 'SIGKILL');
        await new Promise(() => {});
      },
    },
  );
  const Killer = killer('test.failure.Killer', false);
  const PureKiller = killer('test.failure.PureKiller', true);
  return [Record, Poison, Killer, PureKiller];
}

export interface Received {
  correlationId: string;
  messageId: string;
  time: number;
}

/** Every receive of the Record component so far. */
export function readReceived(dir: string): Received[] {
  const file = join(dir, 'received.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const [correlationId = '', messageId = '', time = '0'] = line.split(' ');
    return { correlationId, messageId, time: Number(time) };
  });
}

/** Runs whose effect is visible, each with how many effects it left (1 unless idempotency failed). */
export function readEffects(dir: string): Map<string, number> {
  const effects = join(dir, 'effects');
  const byRun = new Map<string, number>();
  if (!existsSync(effects)) return byRun;
  for (const name of readdirSync(effects)) {
    const run = readFileSync(join(effects, name), 'utf8');
    if (!run) throw new Error(`The effect file of message ${name} is empty: it was not written whole.`);
    byRun.set(run, (byRun.get(run) ?? 0) + 1);
  }
  return byRun;
}

/** Times of every attempt of the Poison component. */
export function readAttempts(dir: string): number[] {
  const file = join(dir, 'attempts.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => Number(line.split(' ')[1]));
}

/** Counts every failure test prints, in one format. */
export function countsLine(test: string, counts: Record<string, number | string>): string {
  return `[failure] ${test}: ${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' ')}`;
}
