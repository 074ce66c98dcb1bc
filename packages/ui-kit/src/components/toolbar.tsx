/** @module Toolbar: a labelled group of controls; Left/Right arrows move between its buttons. */
import type { KeyboardEvent, ReactNode } from 'react';

export function Toolbar({ label, children }: { label: string; children: ReactNode }) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const target = event.target as HTMLElement;
    // Arrows inside text fields move the caret, not the focus.
    if (target.tagName !== 'BUTTON') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not([disabled])')];
    const index = buttons.indexOf(target as HTMLButtonElement);
    const next = buttons[(index + (event.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };
  return (
    <div className="weft-toolbar" role="toolbar" aria-label={label} onKeyDown={onKeyDown}>
      {children}
    </div>
  );
}

export function ToolbarSpacer() {
  return <span className="weft-toolbar__spacer" />;
}
