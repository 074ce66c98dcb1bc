/** @module NamedId: a name people read, with the id it stands for kept beside it (to copy into a filter) and as its tooltip. */
import type { ReactNode } from 'react';

export interface NamedIdProps {
  /** Absent: the engine could not name it (deleted, not yours to see); the id is shown alone. */
  name?: string | undefined;
  id: string;
  /** After the name, on the same line (e.g. the actor's role). */
  children?: ReactNode;
}

export function NamedId({ name, id, children }: NamedIdProps) {
  if (name === undefined) {
    return <><span className="weft-mono">{id}</span>{children === undefined ? null : <>{' '}{children}</>}</>;
  }
  return (
    <>
      <span title={id}>{name}</span>{children === undefined ? null : <>{' '}{children}</>}
      <span className="weft-mono bo-muted bo-audit-id">{id}</span>
    </>
  );
}
