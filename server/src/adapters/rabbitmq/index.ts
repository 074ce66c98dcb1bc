/** @module RabbitMQ adapters: the Bus on a RabbitMQ broker. */
export { RabbitBus } from './bus.ts';
export type { RabbitBusOptions } from './bus.ts';
export { DELAY_LADDER_MS, planDelayHop } from './delay-ladder.ts';
export type { DelayHop } from './delay-ladder.ts';
