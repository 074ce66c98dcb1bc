/** @module Virtual window: which rows of a fixed-height list are on screen (plus overscan); pure, so it is tested without a DOM. */

export interface VirtualWindow {
  start: number;
  /** Exclusive. */
  end: number;
  offsetTop: number;
  totalHeight: number;
}

export function computeWindow(count: number, rowHeight: number, scrollTop: number, viewportHeight: number, overscan = 10): VirtualWindow {
  const totalHeight = count * rowHeight;
  if (count === 0) return { start: 0, end: 0, offsetTop: 0, totalHeight };
  const first = Math.min(count - 1, Math.max(0, Math.floor(scrollTop / rowHeight)));
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

/** The scrollTop that brings row `index` fully into view, or undefined when it already is. */
export function scrollToReveal(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number | undefined {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return undefined;
}
