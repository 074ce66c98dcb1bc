/** @module NoticeRegion: announces what just happened (started, deleted, failed) to everyone, screen readers included. */
import { useStrings } from '@weft/ui-kit';
import { useFlowManagerStore } from '../hooks/use-flow-manager-store.ts';

export function NoticeRegion() {
  const t = useStrings();
  const notice = useFlowManagerStore((s) => s.notice);
  return (
    <div className="weft-fm__notice" role="status" aria-live="polite" data-tone={notice?.tone}>
      {notice ? <span key={notice.id}>{t(notice.key, notice.params)}</span> : null}
      {notice?.problems ? (
        <ul className="weft-fm__problems" aria-label={t('flowManager.problems')}>
          {notice.problems.map((problem, index) => (
            <li key={index}><strong>{problem.label ?? t('flowManager.problem.flow')}</strong>: {problem.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
