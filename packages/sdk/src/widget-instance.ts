/**
 * @module WidgetInstance: what `weft.ui.FlowManager({ el })` returns: open/close/reload/destroy,
 * options (`set`/`get`), widget state (`state`) and host events (`on`/`off`).
 */
import { createEmitter, type WidgetEventHandler } from '@weft/ui-kit';
import type { MountedAdapter, WidgetProps } from './lazy/types.ts';
import type { WidgetKind } from './lazy/index.ts';
import type { WeftSettings } from './options.ts';
import { loadLazyModule } from './module-loader.ts';

export interface WidgetHost {
  api: WidgetProps['api'];
  settings(): WeftSettings;
  /** Called on destroy, so the Weft object stops pushing settings to this instance. */
  forget(instance: WidgetInstance): void;
}

export interface WidgetInit {
  /** The element (or a selector) the widget renders into, inside its own shadow root. */
  el: HTMLElement | string;
  options?: Record<string, unknown>;
}

export class WidgetInstance {
  readonly kind: WidgetKind;
  readonly el: HTMLElement;
  /** Resolves when the widget is on screen; rejects if its chunk cannot load. */
  ready: Promise<void> = Promise.resolve();
  #host: WidgetHost;
  #options: Record<string, unknown>;
  #emitter = createEmitter();
  #mounted: MountedAdapter | undefined;
  #isOpen = false;
  #isDestroyed = false;
  #pendingState: [string, unknown][] = [];

  constructor(kind: WidgetKind, host: WidgetHost, init: WidgetInit) {
    const el = typeof init.el === 'string' ? document.querySelector<HTMLElement>(init.el) : init.el;
    if (!el) throw new TypeError(`[weft] ${kind}: no element matches ${typeof init.el === 'string' ? init.el : 'the given el'}`);
    this.kind = kind;
    this.el = el;
    this.#host = host;
    this.#options = { ...init.options };
  }

  /** Shows the widget (loading its chunk the first time). */
  open(): Promise<void> {
    if (this.#isDestroyed) return Promise.reject(new Error(`[weft] ${this.kind} was destroyed`));
    if (this.#isOpen) return this.ready;
    this.#isOpen = true;
    this.ready = loadLazyModule()
      .then((lazy) => lazy.loadWidget(this.kind))
      .then((mount) => {
        if (!this.#isOpen || this.#mounted) return;
        this.#mounted = mount(this.el, this.#props());
        for (const [key, value] of this.#pendingState.splice(0)) this.#mounted.state(key, value);
      })
      .catch((error: unknown) => {
        this.#isOpen = false;
        this.#emitter.emit('error', { message: error instanceof Error ? error.message : String(error), error });
        throw error;
      });
    return this.ready;
  }

  /** Removes the widget from the page; `open()` shows it again with the same options and listeners. */
  close(): void {
    this.#isOpen = false;
    this.#mounted?.unmount();
    this.#mounted = undefined;
  }

  reload(): void {
    this.#mounted?.reload();
  }

  /** Closes for good and drops every listener. */
  destroy(): void {
    this.close();
    this.#isDestroyed = true;
    this.#host.forget(this);
  }

  /** Sets a widget option (e.g. `set('flowId', 'f2')`); an open widget follows at once. */
  set(key: string, value: unknown): this {
    this.#options = { ...this.#options, [key]: value };
    this.refresh();
    return this;
  }

  get(key: string): unknown {
    return this.#options[key];
  }

  /** Reads or writes a piece of the widget's state (`state('search', 'invoice')`). */
  state(key: string, ...value: [unknown?]): unknown {
    if (this.#mounted) return this.#mounted.state(key, ...value);
    if (value.length > 0) this.#pendingState.push([key, value[0]]);
    return value[0];
  }

  on(event: string, handler: WidgetEventHandler): this {
    this.#emitter.on(event, handler);
    return this;
  }

  off(event: string, handler: WidgetEventHandler): this {
    this.#emitter.off(event, handler);
    return this;
  }

  get isOpen(): boolean {
    return this.#isOpen;
  }

  /** @internal The Weft object calls this when theme, locale or strings change. */
  refresh(): void {
    this.#mounted?.update(this.#props());
  }

  #props(): WidgetProps {
    const { theme, locale, strings } = this.#host.settings();
    return { api: this.#host.api, emitter: this.#emitter, theme, locale, strings, options: this.#options };
  }
}
