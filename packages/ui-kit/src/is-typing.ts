/**
 * @module Is typing: whether a key event was typed into an editable field, so no widget shortcut fires there.
 *
 * Widgets live in shadow roots, where `document.activeElement` is only the host: the event's composed
 * path is the one place that names the element really typed into. Monaco needs its own test, because
 * with the EditContext API (Chromium) its focused element is a plain div, neither input nor contenteditable.
 */

const TEXT_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** `.nokey` is React Flow's own marker for "keys here are not the canvas's"; Weft honours it too. */
const EDITABLE_SELECTOR = '.monaco-editor, .nokey, [role="textbox"]';

/** True when the element (not its ancestors) takes typed text. */
export function isEditableElement(element: Element): boolean {
  if (TEXT_TAGS.has(element.tagName)) return true;
  if (element instanceof HTMLElement && element.isContentEditable) return true;
  return element.matches(EDITABLE_SELECTOR);
}

/**
 * True when the key event comes from an input, textarea, select, contenteditable, Monaco editor or other
 * text box, in this or any enclosing shadow root. Pass a React event's `nativeEvent`.
 */
export function isTypingEvent(event: Event): boolean {
  const path = typeof event.composedPath === 'function' ? event.composedPath() : [];
  const chain = path.length > 0 ? path : [event.target];
  return chain.some((node) => node instanceof Element && isEditableElement(node));
}
