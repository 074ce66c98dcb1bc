/** @module Lazy widget contract: what every lazily loaded widget adapter offers the SDK. */
import type { ApiClient } from '@weft/api-client';
import type { WidgetEmitter } from '@weft/ui-kit';
import type { Theme } from '../options.ts';

export interface WidgetProps {
  api: ApiClient;
  emitter: WidgetEmitter;
  theme: Theme;
  locale: string;
  strings: Record<string, string>;
  /** Widget-specific options, e.g. `{ flowId }`. */
  options: Record<string, unknown>;
}

export interface MountedAdapter {
  update(props: WidgetProps): void;
  unmount(): void;
  reload(): void;
  state(...args: [key: string, value?: unknown]): unknown;
}

export type MountAdapter = (el: HTMLElement, props: WidgetProps) => MountedAdapter;
