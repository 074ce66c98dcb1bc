/** @module Poison-test child: a whole Weft with a component that kills its own process when it receives. */
import { defineComponent } from '@weft/connector-kit';
import { loadConfig } from '../../src/config.ts';
import { startWeft } from '../../src/runtime.ts';

export const Killer = defineComponent(
  { name: 'test.security.Killer', label: 'Killer', inPorts: [{ name: 'in' }], outPorts: [] },
  {
    async receive() {
      // As a native crash or the kernel's OOM killer would: no cleanup, no ack.
      process.kill(process.pid, 'SIGKILL');
      await new Promise(() => {});
    },
  },
);

const weft = await startWeft({ config: loadConfig(), components: [Killer] });
console.log(`READY ${weft.url}`);
