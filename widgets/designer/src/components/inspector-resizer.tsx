/** @module Inspector resizer: the handle between canvas and inspector; drag it, or focus it and use the arrow keys. */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useT } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { INSPECTOR_WIDTH } from '../store/ui-slice.ts';

const STEP = 16;
const BIG_STEP = 64;

export function InspectorResizer() {
  const t = useT();
  const width = useDesignerStore((s) => s.inspectorWidth);
  const setWidth = useDesignerStore((s) => s.setInspectorWidth);
  const drag = useRef<{ x: number; width: number } | undefined>(undefined);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    event.currentTarget.focus();
    drag.current = { x: event.clientX, width };
  };
  // The inspector sits right of the handle: dragging left widens it.
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current) setWidth(drag.current.width + drag.current.x - event.clientX);
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = undefined;
    event.currentTarget.releasePointerCapture?.(event.pointerId);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const next = event.key === 'ArrowLeft' ? width + step
      : event.key === 'ArrowRight' ? width - step
        : event.key === 'Home' ? INSPECTOR_WIDTH.min
          : event.key === 'End' ? INSPECTOR_WIDTH.max
            : undefined;
    if (next === undefined) return;
    // Arrow keys here resize; they must not also nudge the selected components.
    event.preventDefault();
    event.stopPropagation();
    setWidth(next);
  };

  return (
    <div
      className="wd-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('designer.inspector.resize')}
      aria-valuenow={width}
      aria-valuemin={INSPECTOR_WIDTH.min}
      aria-valuemax={INSPECTOR_WIDTH.max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
