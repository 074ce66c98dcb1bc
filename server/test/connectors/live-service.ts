/** @module Live services for connector tests: probe one on 127.0.0.1; in CI an unreachable one fails the suite, elsewhere it is skipped with a reason. */
import net from 'node:net';
import { describe, it } from 'vitest';

/** Why `host:port` cannot be reached, or undefined when a TCP connection opens. */
export function probeTcp(port: number, host = '127.0.0.1', timeoutMs = 2000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (reason: string | undefined) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error) => done(error.message));
  });
}

/**
 * `describe(name, body)` when the service answered; otherwise a failing test in CI (`CI=true`: the
 * service is required there) or a skipped suite with the reason.
 */
export function describeWithService(name: string, service: string, unreachable: string | undefined, body: () => void): void {
  if (unreachable === undefined) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it(`reaches ${service} (required in CI)`, () => {
        throw new Error(`${service} is unreachable: ${unreachable}`);
      });
    });
  } else {
    console.warn(`Skipping "${name}": ${service} is unreachable (${unreachable}). Start it to run these tests.`);
    describe.skip(`${name} (${service} unreachable)`, body);
  }
}
