/**
 * @module ShadowHost: mounts a widget the way a host page does (the widget's `mount*` function into an
 * element, which opens a shadow root), and finds that shadow root again in play functions.
 */
import { useEffect, useRef, type CSSProperties } from 'react';
import { waitFor, within } from 'storybook/test';

export interface ShadowHostProps {
  /** Mounts into the host element and returns how to unmount. */
  mount: (el: HTMLElement) => () => void;
  style?: CSSProperties;
}

export function ShadowHost({ mount, style }: ShadowHostProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    return el ? mount(el) : undefined;
  }, [mount]);
  return <div ref={ref} data-weft-host="" style={style} />;
}

/**
 * Testing-library queries scoped to the widget's shadow root (host CSS and queries on the light
 * DOM cannot see into it, which is the point of mounting there).
 */
export async function withinWidget(canvasElement: HTMLElement) {
  const root = await waitFor(() => {
    const shadow = canvasElement.querySelector('[data-weft-host]')?.shadowRoot;
    if (!shadow?.querySelector('.weft-root')) throw new Error('the widget has not mounted yet');
    return shadow;
  });
  // Query from the mount's container element (not the ShadowRoot itself) so a failing query can
  // still print the DOM it searched.
  const container = root.querySelector<HTMLElement>('.weft-mount') ?? (root as unknown as HTMLElement);
  return { root, canvas: within(container) };
}
