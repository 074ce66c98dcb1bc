/** @module Palette item: one component type; drag it onto the canvas, or press Enter to add it at the centre. */
import { memo, type DragEvent, type KeyboardEvent } from 'react';
import type { Manifest } from '@weft/connector-kit';
import { ComponentIcon } from '../icons/component-icon.tsx';

export const PALETTE_MIME = 'application/x-weft-component';

interface PaletteItemProps {
  manifest: Manifest;
  /** The connector's icon, for a component without one of its own. */
  fallbackIcon?: string | undefined;
  onAdd: (type: string) => void;
}

function PaletteItemView({ manifest, fallbackIcon, onAdd }: PaletteItemProps) {
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(PALETTE_MIME, manifest.name);
    event.dataTransfer.effectAllowed = 'copy';
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onAdd(manifest.name);
  };
  return (
    <li
      className="wd-palette__item"
      role="option"
      aria-selected="false"
      tabIndex={0}
      draggable
      onDragStart={onDragStart}
      onKeyDown={onKeyDown}
      onDoubleClick={() => onAdd(manifest.name)}
      title={manifest.description || manifest.name}
      data-type={manifest.name}
    >
      <span className="wd-palette__icon"><ComponentIcon icon={manifest.icon ?? fallbackIcon} isTrigger={manifest.trigger === true || manifest.inPorts.length === 0} /></span>
      <span>{manifest.label}</span>
      {manifest.marker !== undefined && <span className="wd-palette__marker">{manifest.marker}</span>}
    </li>
  );
}

export const PaletteItem = memo(PaletteItemView);
