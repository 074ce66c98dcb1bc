/** @module Component problems: every validation problem of one component, at the top of its inspector. */
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';

export function ComponentProblems({ id }: { id: string }) {
  const t = useT();
  const problems = useDesignerStore(useShallow((s) => s.problems.filter((problem) => problem.componentId === id || problem.path.startsWith(`flow.${id}.`))));
  if (problems.length === 0) return null;
  return (
    <div className="wd-problems" role="group" aria-label={t('designer.node.problems', { count: problems.length })}>
      <ul>
        {problems.map((problem) => <li key={`${problem.path}:${problem.code}`}>{problem.message}</li>)}
      </ul>
    </div>
  );
}
