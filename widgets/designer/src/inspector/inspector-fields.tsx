/** @module Inspector fields: a manifest's inputs in order, filtered by `when`, each with its problems. */
import type { Inspector } from '@weft/connector-kit';
import { useShallow } from 'zustand/react/shallow';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { FieldControl } from './field-control.tsx';
import { evaluateWhen } from './when.ts';

export interface InspectorFieldsProps {
  componentId: string;
  /** For dynamic options (`GET /components/:type/options/:name`); '' when not applicable. */
  componentType: string;
  inspector: Inspector;
  values: Readonly<Record<string, unknown>>;
  /** Problem paths start with this, e.g. `flow.a1.config.properties`. */
  problemPrefix: string;
  allowVariables: boolean;
  onChange: (field: string, value: unknown) => void;
}

export function InspectorFields({ componentId, componentType, inspector, values, problemPrefix, allowVariables, onChange }: InspectorFieldsProps) {
  const problems = useDesignerStore(useShallow((s) => s.problems.filter((problem) => problem.path.startsWith(`${problemPrefix}.`))));
  const inputs = Object.entries(inspector.inputs).sort(([, a], [, b]) => (a.index ?? 0) - (b.index ?? 0));
  return (
    <div className="wd-fields">
      {inputs.map(([name, input]) => {
        if (!evaluateWhen(input.when, values)) return null;
        const path = `${problemPrefix}.${name}`;
        const messages = problems.filter((problem) => problem.path === path || problem.path.startsWith(`${path}.`)).map((problem) => problem.message);
        return (
          <FieldControl
            key={name}
            name={name}
            input={input}
            value={values[name] ?? input.defaultValue}
            componentId={componentId}
            componentType={componentType}
            allowVariables={allowVariables && input.variables !== false}
            problems={messages}
            onChange={(value) => onChange(name, value)}
          />
        );
      })}
    </div>
  );
}
