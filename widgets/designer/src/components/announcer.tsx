/** @module Announcer: the aria-live region that reads canvas changes to screen-reader users. */
import { useDesignerStore } from '../store/designer-store-context.tsx';

export function Announcer() {
  const message = useDesignerStore((s) => s.announcement);
  return (
    <div className="wd-sr-only" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
