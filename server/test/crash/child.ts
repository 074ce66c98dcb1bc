/** @module Crash-test child: a whole Weft plus a component that appends every run it completes to a file. */
import { appendFileSync } from 'node:fs';
import { defineComponent } from '@weft/connector-kit';
import { loadConfig } from '../../src/config.ts';
import { startWeft } from '../../src/runtime.ts';

const recordFile = process.env.CRASH_RECORD_FILE!;

/** Appends synchronously: the line is in the kernel's page cache before receive returns, so SIGKILL cannot lose it. */
export const Record = defineComponent(
  { name: 'test.crash.effects.Record', label: 'Record', inPorts: [{ name: 'in' }], outPorts: [] },
  {
    async receive(context) {
      const input = context.messages.in!;
      // A third field, the content as JSON, for tests that need what the run carried (timers-ahead-crash).
      appendFileSync(recordFile, `${context.correlationId} ${input.messageId} ${JSON.stringify(input.content)}\n`);
    },
  },
);

const weft = await startWeft({ config: loadConfig(), components: [Record] });
console.log(`READY ${weft.url}`);
