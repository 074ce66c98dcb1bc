/**
 * @module Dialog and ConfirmDialog: modal, labelled, Escape closes, Tab stays inside, focus returns
 * to where it was. Rendered in place (no portal) so it stays inside the widget's shadow root.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from './button.tsx';
import { useStrings } from '../widget-root.tsx';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** `document.activeElement` stops at a shadow host; ask the node's own root instead. */
function activeElementOf(node: Node): Element | null {
  const root = node.getRootNode() as Document | ShadowRoot;
  return root.activeElement;
}

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  actions?: ReactNode;
  /** `alertdialog` for confirmations that interrupt. */
  role?: 'dialog' | 'alertdialog';
  /** Selector of the element to focus first; defaults to the first focusable one. */
  initialFocus?: string;
}

export function Dialog({ title, onClose, children, actions, role = 'dialog', initialFocus }: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = activeElementOf(dialog);
    const first = (initialFocus ? dialog.querySelector<HTMLElement>(initialFocus) : null) ?? dialog.querySelector<HTMLElement>(FOCUSABLE) ?? dialog;
    first.focus();
    return () => {
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, [initialFocus]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const focusables = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusables[0];
    const last = focusables[focusables.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = activeElementOf(ref.current);
    if (event.shiftKey && (active === first || active === ref.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="weft-backdrop" onMouseDown={(event) => { if (event.target === event.currentTarget) onClose(); }}>
      <div ref={ref} className="weft-dialog" role={role} aria-modal="true" aria-labelledby={titleId} tabIndex={-1} onKeyDown={onKeyDown}>
        <h2 id={titleId} className="weft-dialog__title">{title}</h2>
        {children}
        {actions ? <div className="weft-dialog__actions">{actions}</div> : null}
      </div>
    </div>
  );
}

export interface ConfirmDialogProps {
  title: string;
  message: ReactNode;
  confirmLabel?: string;
  tone?: 'danger' | 'primary';
  isBusy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, message, confirmLabel, tone = 'danger', isBusy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const t = useStrings();
  return (
    <Dialog
      role="alertdialog"
      title={title}
      onClose={onCancel}
      // Safer default: a stray Enter cancels rather than deletes.
      initialFocus="[data-cancel]"
      actions={
        <>
          <Button data-cancel="" onClick={onCancel}>{t('common.cancel')}</Button>
          <Button variant={tone} disabled={isBusy} onClick={onConfirm}>{confirmLabel ?? t('common.confirm')}</Button>
        </>
      }
    >
      <p>{message}</p>
    </Dialog>
  );
}
