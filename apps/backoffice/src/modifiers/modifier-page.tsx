/** @module ModifierPage: a built-in modifier shows its documentation; a custom one opens the (lazy) editor. */
import { useEffect, type ReactNode } from 'react';
import { ErrorState, Spinner, useStrings } from '@weft/ui-kit';
import { useBackofficeStore } from '../store/backoffice-store.ts';
import type { Route } from '../route.ts';
import { BuiltInModifierDoc } from './built-in-modifier-doc.tsx';

export interface ModifierPageProps {
  name: string;
  go: (route: Route) => void;
  renderEditor: (name: string) => ReactNode;
}

export function ModifierPage({ name, go, renderEditor }: ModifierPageProps) {
  const t = useStrings();
  const modifiers = useBackofficeStore((s) => s.modifiers);
  const loadModifiers = useBackofficeStore((s) => s.loadModifiers);

  useEffect(() => {
    if (modifiers.status === 'idle') void loadModifiers();
  }, [modifiers.status, loadModifiers]);

  if (modifiers.status === 'failed') return <ErrorState error={modifiers.error} onRetry={() => void loadModifiers()} />;
  const items = modifiers.status === 'idle' ? undefined : modifiers.data;
  if (!items) return <Spinner />;
  const modifier = items.find((m) => m.name === name);
  if (!modifier) return <ErrorState title={t('modifiers.notFound', { name })} onRetry={() => go({ page: 'modifiers' })} />;
  return modifier.custom ? renderEditor(name) : <BuiltInModifierDoc modifier={modifier} />;
}
