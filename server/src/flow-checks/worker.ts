/**
 * @module Flow checks thread: parses and validates the flow descriptors ThreadedFlowChecks hands
 * it, one at a time, so that a 1,000-component flow never holds the engine's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { parseInPlace, validateInPlace } from './inline.ts';
import type { FromFlowChecksThread, ToFlowChecksThread } from './thread.ts';

if (parentPort === null) throw new Error('the flow checks worker must run in a worker thread');
const port = parentPort;

const WARM_UP = {
  a: { type: 'weft.warm.Up', x: 0, y: 0 },
  b: { type: 'weft.warm.Up', x: 1, y: 0, source: { in: { a: ['out'] } }, config: { transform: { in: { a: { out: { type: 'json2new', lambda: { n: '{{{$.a.out.n}}}' } } } } } } },
};

/** The answer to `call`; a descriptor that parses comes back as its own JSON (see FromFlowChecksThread). */
function answer(call: ToFlowChecksThread): FromFlowChecksThread {
  switch (call.method) {
    case 'ready': {
      // A small flow through both: the schemas and graph walks are compiled before the first big one.
      const parsed = parseInPlace(WARM_UP);
      if (parsed.ok) validateInPlace(parsed.value, {}, []);
      return { id: call.id, ok: true, valueJson: 'true' };
    }
    case 'parse': {
      const parsed = parseInPlace(JSON.parse(call.flowJson));
      return parsed.ok ? { id: call.id, ok: true, parsedJson: JSON.stringify(parsed.value) } : { id: call.id, ok: true, valueJson: JSON.stringify(parsed) };
    }
    case 'validate':
      return { id: call.id, ok: true, valueJson: JSON.stringify(validateInPlace(JSON.parse(call.flowJson) as Record<string, unknown>, call.manifests, call.modifierNames)) };
  }
}

port.on('message', (call: ToFlowChecksThread) => {
  let reply: FromFlowChecksThread;
  try {
    reply = answer(call);
  } catch (error) {
    reply = { id: call.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
