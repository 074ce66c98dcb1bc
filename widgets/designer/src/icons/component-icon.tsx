/** @module Component icon: a component type's icon from its manifest (an icon name, or a checked image URL), by type, never by label. */
import { memo } from 'react';
import { iconSource } from '@weft/connector-kit';
import { ICONS, FALLBACK_ICON, TRIGGER_ICON } from './icon-set.ts';

interface ComponentIconProps {
  /** The manifest's `icon`; undefined for an unknown type. */
  icon: string | undefined;
  /** Without an icon of its own, a trigger gets the trigger icon and others a generic one. */
  isTrigger?: boolean | undefined;
  size?: number | undefined;
  className?: string | undefined;
}

function ComponentIconView({ icon, isTrigger = false, size = 16, className = 'wd-icon' }: ComponentIconProps) {
  const source = iconSource(icon);
  if (source?.kind === 'url') {
    // An <img> never runs what an SVG holds; the connector kit refused scripts and links already.
    return <img className={className} src={source.url} width={size} height={size} alt="" aria-hidden="true" data-icon="image" />;
  }
  const name = source?.kind === 'name' && ICONS[source.name] !== undefined ? source.name : undefined;
  const Icon = name !== undefined ? ICONS[name]! : isTrigger ? TRIGGER_ICON : FALLBACK_ICON;
  return <Icon className={className} size={size} strokeWidth={2} aria-hidden="true" focusable="false" data-icon={name ?? (isTrigger ? 'trigger' : 'component')} />;
}

export const ComponentIcon = memo(ComponentIconView);
