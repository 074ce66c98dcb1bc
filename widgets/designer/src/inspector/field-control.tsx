/** @module Field control: label, control and problems of one inspector input, chosen by its type. */
import { useId, type ReactNode } from 'react';
import { assertNever, type InspectorInput } from '@weft/connector-kit';
import { CodeField } from './code/code-field.tsx';
import { DateTimeField } from './fields/date-time-field.tsx';
import { ExpressionField } from './fields/expression-field.tsx';
import { KeyValueField } from './fields/key-value-field.tsx';
import { MultiselectField } from './fields/multiselect-field.tsx';
import { NumberField } from './fields/number-field.tsx';
import { SelectField } from './fields/select-field.tsx';
import { TextField } from './fields/text-field.tsx';
import { ToggleField } from './fields/toggle-field.tsx';

export interface FieldControlProps {
  name: string;
  input: InspectorInput;
  value: unknown;
  componentId: string;
  componentType: string;
  allowVariables: boolean;
  problems: readonly string[];
  onChange: (value: unknown) => void;
}

/** What every control gets: ids for its label and problems, and the value. */
export interface ControlProps {
  id: string;
  name: string;
  input: InspectorInput;
  value: unknown;
  componentId: string;
  componentType: string;
  allowVariables: boolean;
  describedBy: string | undefined;
  isInvalid: boolean;
  onChange: (value: unknown) => void;
}

function renderControl(props: ControlProps): ReactNode {
  const type = props.input.type;
  switch (type) {
    case 'text':
    case 'textarea':
      return <TextField {...props} />;
    case 'code':
      return props.allowVariables ? <TextField {...props} /> : <CodeField {...props} />;
    case 'number':
      return <NumberField {...props} />;
    case 'toggle':
      return <ToggleField {...props} />;
    case 'select':
      return <SelectField {...props} />;
    case 'multiselect':
      return <MultiselectField {...props} />;
    case 'date-time':
      return <DateTimeField {...props} />;
    case 'expression':
      return <ExpressionField {...props} />;
    case 'key-value':
      return <KeyValueField {...props} />;
    default:
      return assertNever(type);
  }
}

export function FieldControl({ name, input, value, componentId, componentType, allowVariables, problems, onChange }: FieldControlProps) {
  const id = useId();
  const problemsId = `${id}-problems`;
  const isGroup = input.type === 'multiselect' || input.type === 'expression' || input.type === 'key-value';
  const control = renderControl({
    id, name, input, value, componentId, componentType, allowVariables, onChange,
    describedBy: problems.length > 0 ? problemsId : undefined,
    isInvalid: problems.length > 0,
  });
  return (
    <div className="wd-field" data-type={input.type} data-invalid={problems.length > 0}>
      {isGroup ? <span className="wd-field__label" id={`${id}-label`}>{input.label}</span> : <label className="wd-field__label" id={`${id}-label`} htmlFor={id}>{input.label}</label>}
      {input.tooltip && <span className="wd-hint">{input.tooltip}</span>}
      {control}
      {problems.length > 0 && (
        <ul className="wd-field__problems" id={problemsId}>
          {problems.map((message) => <li key={message}>{message}</li>)}
        </ul>
      )}
    </div>
  );
}
