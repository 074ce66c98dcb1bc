/**
 * @module Base styles: the kit's CSS as a string, injected into each widget's shadow root.
 * Every value reads `var(--weft-x, var(--weft-x-default))`: a host sets `--weft-color-accent` on the
 * element it mounts into (custom properties inherit through the shadow boundary), nothing else leaks.
 */
export const baseStyles = /* css */ `
:host { all: initial; display: block; contain: content; }
/*
 * The host page's rules win over :host for the host element itself, and inherited properties
 * (letter-spacing, color, …) flow from it into the shadow tree; the mount starts again from the
 * initial values, and the root sets the ones it wants, so nothing of the host's text styling gets in.
 */
.weft-mount { all: initial; display: block; }
.weft-root {
  --weft-color-bg-default: #ffffff;
  --weft-color-surface-default: #f6f7f9;
  --weft-color-border-default: #d6dae1;
  --weft-color-text-default: #1d2330;
  --weft-color-muted-default: #5d6677;
  --weft-color-accent-default: #2557d6;
  --weft-color-accent-text-default: #ffffff;
  --weft-color-danger-default: #c52a2a;
  --weft-color-success-default: #1e7d3f;
  --weft-color-warning-default: #a86200;
  --weft-color-focus-default: #2557d6;
  --weft-color-selected-default: #e4ecff;
  --weft-font-family-default: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --weft-font-mono-default: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  --weft-font-size-default: 14px;
  --weft-radius-default: 6px;
  --weft-space-default: 8px;
  --weft-shadow-default: 0 8px 30px rgba(0, 0, 0, 0.18);

  --_bg: var(--weft-color-bg, var(--weft-color-bg-default));
  --_surface: var(--weft-color-surface, var(--weft-color-surface-default));
  --_border: var(--weft-color-border, var(--weft-color-border-default));
  --_text: var(--weft-color-text, var(--weft-color-text-default));
  --_muted: var(--weft-color-muted, var(--weft-color-muted-default));
  --_accent: var(--weft-color-accent, var(--weft-color-accent-default));
  --_accent-text: var(--weft-color-accent-text, var(--weft-color-accent-text-default));
  --_danger: var(--weft-color-danger, var(--weft-color-danger-default));
  --_success: var(--weft-color-success, var(--weft-color-success-default));
  --_warning: var(--weft-color-warning, var(--weft-color-warning-default));
  --_focus: var(--weft-color-focus, var(--weft-color-focus-default));
  --_selected: var(--weft-color-selected, var(--weft-color-selected-default));
  --_font: var(--weft-font-family, var(--weft-font-family-default));
  --_mono: var(--weft-font-mono, var(--weft-font-mono-default));
  --_size: var(--weft-font-size, var(--weft-font-size-default));
  --_radius: var(--weft-radius, var(--weft-radius-default));
  --_space: var(--weft-space, var(--weft-space-default));
  --_shadow: var(--weft-shadow, var(--weft-shadow-default));

  position: relative;
  box-sizing: border-box;
  font-family: var(--_font);
  font-size: var(--_size);
  line-height: 1.4;
  color: var(--_text);
  background: var(--_bg);
  text-align: left;
  /* Every other inherited property the host may have set, reset (also where the kit's CSS sits in a page's head). */
  letter-spacing: normal;
  word-spacing: normal;
  text-transform: none;
  text-indent: 0;
  text-shadow: none;
  font-style: normal;
  font-variant: normal;
  font-weight: normal;
  font-stretch: normal;
  direction: ltr;
  visibility: visible;
  cursor: auto;
  white-space: normal;
  word-break: normal;
  overflow-wrap: normal;
}
.weft-root[data-theme="dark"] {
  --weft-color-bg-default: #15181e;
  --weft-color-surface-default: #1e232b;
  --weft-color-border-default: #353c48;
  --weft-color-text-default: #e7eaf0;
  --weft-color-muted-default: #9aa3b2;
  --weft-color-accent-default: #6d95ff;
  --weft-color-accent-text-default: #0b1020;
  --weft-color-danger-default: #ff6b6b;
  --weft-color-success-default: #4fd17f;
  --weft-color-warning-default: #f0b03f;
  --weft-color-focus-default: #8fb0ff;
  --weft-color-selected-default: #26365e;
  --weft-shadow-default: 0 8px 30px rgba(0, 0, 0, 0.6);
  color-scheme: dark;
}
.weft-root *, .weft-root *::before, .weft-root *::after { box-sizing: border-box; font-family: inherit; color: inherit; }
.weft-root code, .weft-root pre, .weft-root .weft-mono { font-family: var(--_mono); font-size: 0.92em; }
.weft-root :focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
.weft-visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.weft-button {
  display: inline-flex; align-items: center; justify-content: center; gap: calc(var(--_space) / 2);
  min-height: 32px; padding: 0 calc(var(--_space) * 1.5);
  border: 1px solid var(--_border); border-radius: var(--_radius);
  background: var(--_surface); color: var(--_text); font: inherit; font-size: var(--_size); cursor: pointer; white-space: nowrap;
}
.weft-button:hover:not(:disabled) { border-color: var(--_accent); }
.weft-button:disabled { opacity: 0.55; cursor: not-allowed; }
.weft-button[data-variant="primary"] { background: var(--_accent); border-color: var(--_accent); color: var(--_accent-text); }
.weft-button[data-variant="danger"] { background: var(--_danger); border-color: var(--_danger); color: #fff; }
.weft-button[data-variant="ghost"] { background: transparent; border-color: transparent; }
.weft-button[data-variant="ghost"]:hover:not(:disabled) { background: var(--_surface); }
.weft-button[data-size="small"] { min-height: 26px; padding: 0 var(--_space); font-size: 0.9em; }
.weft-icon-button { width: 32px; padding: 0; }
.weft-icon-button[data-size="small"] { width: 26px; }

.weft-field { display: inline-flex; flex-direction: column; gap: 2px; min-width: 0; }
.weft-field__label { font-size: 0.85em; color: var(--_muted); }
.weft-field__error { font-size: 0.85em; color: var(--_danger); }
.weft-input, .weft-select, .weft-textarea {
  min-height: 32px; padding: 0 var(--_space); border: 1px solid var(--_border); border-radius: var(--_radius);
  background: var(--_bg); color: var(--_text); font: inherit; font-size: var(--_size); min-width: 0;
}
.weft-textarea { padding: var(--_space); min-height: 120px; font-family: var(--_mono); resize: vertical; }
.weft-input[aria-invalid="true"], .weft-textarea[aria-invalid="true"] { border-color: var(--_danger); }

.weft-toolbar { display: flex; flex-wrap: wrap; align-items: flex-end; gap: var(--_space); padding: var(--_space); border-bottom: 1px solid var(--_border); background: var(--_surface); }
.weft-toolbar__spacer { flex: 1; }

.weft-spinner { display: inline-flex; align-items: center; gap: var(--_space); color: var(--_muted); padding: calc(var(--_space) * 2); }
.weft-spinner__ring { width: 18px; height: 18px; border: 2px solid var(--_border); border-top-color: var(--_accent); border-radius: 50%; animation: weft-spin 0.8s linear infinite; }
@keyframes weft-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .weft-spinner__ring { animation-duration: 3s; } }

.weft-state { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: var(--_space); padding: calc(var(--_space) * 4); text-align: center; color: var(--_muted); }
.weft-state__title { font-size: 1.1em; font-weight: 600; color: var(--_text); margin: 0; }
.weft-state[data-kind="error"] .weft-state__title { color: var(--_danger); }
.weft-state p { margin: 0; }

.weft-backdrop { position: fixed; inset: 0; z-index: 1000; display: flex; align-items: center; justify-content: center; padding: calc(var(--_space) * 2); background: rgba(10, 14, 22, 0.45); }
.weft-dialog { width: min(520px, 100%); max-height: 90vh; overflow: auto; padding: calc(var(--_space) * 2); border-radius: calc(var(--_radius) * 1.5); background: var(--_bg); color: var(--_text); box-shadow: var(--_shadow); border: 1px solid var(--_border); }
.weft-dialog__title { margin: 0 0 var(--_space); font-size: 1.15em; }
.weft-dialog__actions { display: flex; justify-content: flex-end; gap: var(--_space); margin-top: calc(var(--_space) * 2); }

.weft-badge { display: inline-flex; align-items: center; gap: 4px; padding: 1px 8px; border-radius: 999px; font-size: 0.85em; border: 1px solid var(--_border); }
.weft-badge[data-tone="success"] { color: var(--_success); border-color: currentColor; }
.weft-badge[data-tone="danger"] { color: var(--_danger); border-color: currentColor; }
.weft-badge[data-tone="warning"] { color: var(--_warning); border-color: currentColor; }
.weft-badge[data-tone="muted"] { color: var(--_muted); }
`;
