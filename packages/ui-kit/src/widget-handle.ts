/** @module WidgetHandle: what a widget exposes through its React ref, and what the SDK's instance methods call. */

export interface WidgetHandle {
  /** Fetch the widget's data again. */
  reload(): void;
  /** Read a piece of widget state (`state('search')`), or write it (`state('search', 'invoice')`). */
  state(key: string, value?: unknown): unknown;
}
