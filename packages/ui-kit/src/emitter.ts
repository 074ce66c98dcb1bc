/** @module Widget emitter: the host hears widget events here, and a host handler can replace a default action. */

export type WidgetEventHandler<T = unknown> = (detail: T) => void;

export interface WidgetEmitter {
  on(event: string, handler: WidgetEventHandler): void;
  off(event: string, handler: WidgetEventHandler): void;
  /**
   * Calls every handler of `event`; returns true when at least one was registered, so the widget
   * skips its default behaviour (e.g. `flow:open` navigating) when the host took over.
   */
  emit(event: string, detail?: unknown): boolean;
  /** True when a handler is registered for `event`. */
  has(event: string): boolean;
}

export function createEmitter(): WidgetEmitter {
  const handlers = new Map<string, Set<WidgetEventHandler>>();
  return {
    on(event, handler) {
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      set.add(handler);
    },
    off(event, handler) {
      handlers.get(event)?.delete(handler);
    },
    emit(event, detail) {
      const set = handlers.get(event);
      if (!set || set.size === 0) return false;
      for (const handler of [...set]) {
        try {
          handler(detail);
        } catch (error) {
          // A broken host handler must not break the widget; surface it where the host will look.
          console.error(`[weft] handler of "${event}" threw`, error);
        }
      }
      return true;
    },
    has(event) {
      return (handlers.get(event)?.size ?? 0) > 0;
    },
  };
}
