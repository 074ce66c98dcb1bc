/** @module Node badges: validation problems and test-run data counts of one component. */
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';

export function NodeBadges({ id }: { id: string }) {
  const t = useT();
  const problems = useDesignerStore(useShallow((s) => s.problems.filter((problem) => problem.componentId === id).map((problem) => problem.message)));
  const runIn = useDesignerStore((s) => s.run.records.filter((r) => r.componentId === id && r.direction === 'in').length);
  // Sent or failed; the lines it wrote with context.log are data of neither kind.
  const runOut = useDesignerStore((s) => s.run.records.filter((r) => r.componentId === id && (r.direction === 'out' || r.direction === 'error')).length);
  return (
    <>
      {problems.length > 0 && (
        <span className="wd-badge wd-badge--problem" title={problems.join('\n')} role="img" aria-label={t('designer.node.problems', { count: problems.length })}>
          {problems.length}
        </span>
      )}
      {runIn + runOut > 0 && (
        <span className="wd-badge wd-badge--run" role="img" aria-label={t('designer.node.runData', { in: runIn, out: runOut })} title={t('designer.node.runData', { in: runIn, out: runOut })}>
          {runIn}↓{runOut}↑
        </span>
      )}
    </>
  );
}
