/** @module NoticeBar: announces the last action's outcome in a polite live region; success fades after a while. */
import { useEffect } from 'react';
import { IconButton, useStrings } from '@weft/ui-kit';
import { useBackofficeStore } from '../store/backoffice-store.ts';

export function NoticeBar() {
  const t = useStrings();
  const notice = useBackofficeStore((s) => s.notice);
  const notify = useBackofficeStore((s) => s.notify);

  useEffect(() => {
    if (notice?.tone !== 'success') return;
    const timer = setTimeout(() => notify(undefined), 6000);
    return () => clearTimeout(timer);
  }, [notice, notify]);

  return (
    <div className="bo-notice" aria-live="polite" role="status">
      {notice ? (
        <div className="bo-notice__body" data-tone={notice.tone}>
          <span>{t(notice.key, notice.params)}</span>
          <IconButton size="small" label={t('common.close')} icon="×" onClick={() => notify(undefined)} />
        </div>
      ) : null}
    </div>
  );
}
