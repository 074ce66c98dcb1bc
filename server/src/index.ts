/**
 * @module @weft/server: the engine, its API and adapters, for embedding Weft in a Node process.
 *
 *   const weft = await startWeft({ config: loadConfig({ PORT: '2300' }) });
 *   console.log(weft.url);
 *   await weft.close();
 */
// Running Weft
export { startWeft, ALL_ROLES, VERSION } from './runtime.ts';
export type { Role, RunningWeft, StartOptions } from './runtime.ts';
export { loadConfig, Config } from './config.ts';
// Engine
export { Engine } from './engine/engine.ts';
export type { EngineOptions, WebhookOutcome, WebhookRequest } from './engine/engine.ts';
// Ports
export type { Bus, BusMessage, Delivery } from './ports/bus.ts';
export type { Store } from './ports/store.ts';
export type { LogIndex, LogRecord, LogQuery } from './ports/log-index.ts';
