/** @module Spinner, EmptyState, ErrorState: the three non-content states every widget view has. */
import type { ReactNode } from 'react';
import { Button } from './button.tsx';
import { useStrings } from '../widget-root.tsx';

export function Spinner({ label }: { label?: string }) {
  const t = useStrings();
  return (
    <div className="weft-spinner" role="status" aria-live="polite">
      <span className="weft-spinner__ring" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="weft-state" data-kind="empty">
      <p className="weft-state__title">{title}</p>
      {children ? <p>{children}</p> : null}
      {action}
    </div>
  );
}

export function ErrorState({ title, error, onRetry }: { title?: string; error?: unknown; onRetry?: () => void }) {
  const t = useStrings();
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : undefined;
  return (
    <div className="weft-state" data-kind="error" role="alert">
      <p className="weft-state__title">{title ?? t('common.error')}</p>
      {message ? <p>{message}</p> : null}
      {onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : null}
    </div>
  );
}

export function Badge({ tone = 'muted', children }: { tone?: 'success' | 'danger' | 'warning' | 'muted'; children: ReactNode }) {
  return <span className="weft-badge" data-tone={tone}>{children}</span>;
}
