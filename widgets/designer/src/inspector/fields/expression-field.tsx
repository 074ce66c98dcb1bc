/** @module Expression field: `{ AND: [ { OR: [ row, … ] }, … ] }`, each row built from the input's `fields`. */
import { InspectorInput } from '@weft/connector-kit';
import type { ControlProps } from '../field-control.tsx';
import { FieldControl } from '../field-control.tsx';
import { useT } from '../../hooks/use-designer-services.ts';
import { evaluateWhen } from '../when.ts';

type Row = Record<string, unknown>;
type Groups = Row[][];

/** Read the nested value into AND groups of OR rows, whatever the level names are. */
export function readExpression(value: unknown, [outer, inner]: readonly [string, string]): Groups {
  if (typeof value !== 'object' || value === null) return [[{}]];
  const groups = (value as Record<string, unknown>)[outer];
  if (!Array.isArray(groups) || groups.length === 0) return [[{}]];
  return groups.map((group: unknown) => {
    const rows = typeof group === 'object' && group !== null ? (group as Record<string, unknown>)[inner] : undefined;
    return Array.isArray(rows) && rows.length > 0 ? rows.map((row: unknown) => (typeof row === 'object' && row !== null ? (row as Row) : {})) : [{}];
  });
}

export function writeExpression(groups: Groups, [outer, inner]: readonly [string, string]): Record<string, unknown> {
  return { [outer]: groups.map((rows) => ({ [inner]: rows })) };
}

export function ExpressionField({ id, input, value, componentId, componentType, allowVariables, onChange }: ControlProps) {
  const t = useT();
  const levels: [string, string] = [input.levels?.[0] ?? 'AND', input.levels?.[1] ?? 'OR'];
  const groups = readExpression(value, levels);
  // Row fields are typed loosely in the manifest schema (recursive); read each as an inspector input.
  const fields = Object.entries(input.fields ?? {}).flatMap(([name, raw]) => {
    const parsed = InspectorInput.safeParse(raw);
    return parsed.success ? [[name, parsed.data] as const] : [];
  });
  const update = (next: Groups) => onChange(writeExpression(next, levels));
  const setCell = (g: number, r: number, name: string, cell: unknown) =>
    update(groups.map((rows, gi) => (gi !== g ? rows : rows.map((row, ri) => (ri !== r ? row : { ...row, [name]: cell })))));
  const removeRow = (g: number, r: number) => {
    const next = groups.map((rows, gi) => (gi === g ? rows.filter((_, ri) => ri !== r) : rows)).filter((rows) => rows.length > 0);
    update(next.length === 0 ? [[{}]] : next);
  };

  return (
    <div className="wd-expression" role="group" aria-labelledby={`${id}-label`}>
      {groups.map((rows, g) => (
        <div key={g} className="wd-expression__group">
          {g > 0 && <div className="wd-expression__level">{levels[0]}</div>}
          {rows.map((row, r) => (
            <div key={r} className="wd-expression__row">
              {r > 0 && <div className="wd-expression__level">{levels[1]}</div>}
              {fields.map(([name, field]) => evaluateWhen(field.when, row) && (
                <FieldControl
                  key={name}
                  name={name}
                  input={field}
                  value={row[name]}
                  componentId={componentId}
                  componentType={componentType}
                  allowVariables={allowVariables && field.variables !== false}
                  problems={[]}
                  onChange={(cell) => setCell(g, r, name, cell)}
                />
              ))}
              <button type="button" className="wd-link" onClick={() => removeRow(g, r)}>{t('designer.field.removeRow')}</button>
            </div>
          ))}
          <button type="button" className="wd-link" onClick={() => update(groups.map((list, gi) => (gi === g ? [...list, {}] : list)))}>
            {t('designer.expression.addOr')}
          </button>
        </div>
      ))}
      <button type="button" className="wd-link" onClick={() => update([...groups, [{}]])}>{t('designer.expression.addAnd')}</button>
    </div>
  );
}
