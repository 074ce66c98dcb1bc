/** @module An Engine on an in-memory embedded file, as the engine tests build one. */
import type { ComponentDefinition } from '@weft/connector-kit';
import { openEmbedded, type Embedded } from '../../src/adapters/embedded/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createBuiltinComponents } from '../../src/connectors/index.ts';
import { Engine, type EngineOptions } from '../../src/engine/engine.ts';
import { engineSettings } from '../../src/runtime.ts';

export interface EmbeddedEngineOptions {
  /** The test's own components, beside the built-in ones. */
  components?: readonly ComponentDefinition[];
  /** How often the embedded Bus polls (its default otherwise). */
  pollIntervalMs?: number;
  /** Engine options over the defaults of the config schema. */
  engine?: Partial<EngineOptions>;
}

/** The built-in components (and `components`), the config schema's defaults, webhooks at an address no one listens on. */
export function embeddedEngine(options: EmbeddedEngineOptions = {}): { embedded: Embedded; engine: Engine } {
  const embedded = openEmbedded({ file: ':memory:', ...(options.pollIntervalMs !== undefined ? { bus: { pollIntervalMs: options.pollIntervalMs } } : {}) });
  const engine = new Engine({
    store: embedded.store, bus: embedded.bus, logIndex: embedded.logIndex,
    components: [...createBuiltinComponents({ allowPrivateNetwork: false }), ...(options.components ?? [])],
    ...engineSettings(loadConfig({})),
    publicUrl: 'http://127.0.0.1:1',
    ...options.engine,
  });
  return { embedded, engine };
}

/**
 * `embeddedEngine` with its worker and scheduler started, and `flow` stored as `flowId` of `userId`,
 * already running (the timer tests' start).
 */
export async function engineRunningFlow(options: EmbeddedEngineOptions, userId: string, flowId: string, flow: Record<string, unknown>): Promise<{ embedded: Embedded; engine: Engine }> {
  const started = embeddedEngine(options);
  await started.engine.startWorker();
  started.engine.startScheduler();
  const now = Date.now();
  await started.engine.store.createFlow({ flowId, userId, tenantId: userId, name: flowId, stage: 'running', version: 1, createdAt: now, updatedAt: now, flow });
  return started;
}
