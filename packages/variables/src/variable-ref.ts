/** @module Variable reference: the parsed shape of one `{{{$.<component>.<port>.<path> | modifier}}}` placeholder. */

export type PathSegment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

export interface ModifierCall {
  name: string;
  args: unknown[];
}

export interface VariableRef {
  componentId: string;
  port: string;
  path: PathSegment[];
  modifiers: ModifierCall[];
  /** The text between the triple braces. */
  raw: string;
  /** Offset of the opening `{{{` in the template. */
  start: number;
  /** Offset just after the closing `}}}`. */
  end: number;
}

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'variable'; ref: VariableRef };
