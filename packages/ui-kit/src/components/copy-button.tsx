/** @module CopyButton: copies text to the clipboard and says so, briefly, where the person looks. */
import { useEffect, useState } from 'react';
import { useStrings } from '../widget-root.tsx';
import { Button, type ButtonProps } from './button.tsx';

/**
 * Writes `text` to the system clipboard; resolves whether it worked. `navigator.clipboard` exists only
 * in secure contexts (an engine on plain http behind a LAN name has none), hence the old
 * `execCommand('copy')` path for those.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (globalThis.navigator?.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // denied (no focus, permissions policy): try the old way
  }
  if (typeof document === 'undefined' || typeof document.execCommand !== 'function') return false;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export interface CopyButtonProps extends Omit<ButtonProps, 'onClick' | 'children'> {
  text: string;
  /** Defaults to `common.copy`; "Copied" (`common.copied`) replaces it (and any `aria-label`) for a moment after a copy. */
  label?: string;
  onCopied?: () => void;
}

export function CopyButton({ text, label, onCopied, size = 'small', ...rest }: CopyButtonProps) {
  const t = useStrings();
  const [isCopied, setCopied] = useState(false);
  useEffect(() => {
    if (!isCopied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [isCopied]);
  const copy = () => {
    void copyText(text).then((ok) => {
      setCopied(ok);
      if (ok) onCopied?.();
    });
  };
  return (
    <Button {...rest} size={size} onClick={copy} aria-live="polite" aria-label={isCopied ? undefined : rest['aria-label']} data-copied={isCopied || undefined}>
      {isCopied ? t('common.copied') : (label ?? t('common.copy'))}
    </Button>
  );
}
