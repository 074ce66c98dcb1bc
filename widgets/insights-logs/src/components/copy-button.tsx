/** @module CopyButton: copies text to the clipboard and says so, briefly. */
import { useEffect, useState } from 'react';
import { Button, useStrings } from '@weft/ui-kit';

export function CopyButton({ text }: { text: string }) {
  const t = useStrings();
  const [isCopied, setCopied] = useState(false);
  useEffect(() => {
    if (!isCopied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [isCopied]);
  const copy = () => {
    navigator.clipboard.writeText(text).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <Button size="small" onClick={copy} aria-live="polite">
      {isCopied ? t('common.copied') : t('common.copy')}
    </Button>
  );
}
