/**
 * @module mountWidget: renders a widget into an open shadow root of the host's element, with its CSS
 * injected there, so host CSS does not leak in and widget CSS does not leak out.
 */
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { baseStyles } from './base-styles.ts';

export interface MountOptions {
  /** The widget's own CSS, appended after the kit's base styles. */
  styles?: string;
}

/** Calling it unmounts; `render` swaps the element (new props) without losing the React tree. */
export type MountedWidget = (() => void) & { render(element: ReactNode): void; shadowRoot: ShadowRoot };

export function mountWidget(el: HTMLElement, element: ReactNode, options: MountOptions = {}): MountedWidget {
  const shadowRoot = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `${baseStyles}\n${options.styles ?? ''}`;
  const container = document.createElement('div');
  container.className = 'weft-mount';
  shadowRoot.append(style, container);
  const root = createRoot(container);
  root.render(element);
  let isMounted = true;
  const unmount = () => {
    if (!isMounted) return;
    isMounted = false;
    // The widget leaves the page at once; its React tree is torn down a microtask later, because a
    // React host calls this from an effect cleanup, while its own React is still committing, and
    // React refuses to unmount one root synchronously inside another's render.
    style.remove();
    container.remove();
    queueMicrotask(() => root.unmount());
  };
  return Object.assign(unmount, {
    render(next: ReactNode) {
      if (isMounted) root.render(next);
    },
    shadowRoot,
  });
}
