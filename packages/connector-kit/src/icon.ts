/** @module Component icon: what a manifest's `icon` may hold (an icon name, or an SVG/PNG data URL with no script). */

/** An icon of the designer's set, by its kebab-case name (lucide names: `webhook`, `square-pen`). */
const ICON_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATA_URL = /^data:image\/(svg\+xml|png|webp)(;base64)?,(.*)$/s;
/** Bigger than any sensible icon; keeps catalogue answers small. */
export const MAX_ICON_LENGTH = 32_768;
/**
 * Anything in an SVG that could run code or reach out: scripts, event handlers, foreign HTML, links to
 * other documents. The designer shows data-URL icons through `<img>`, which runs none of it anyway;
 * refusing them here keeps a hostile icon out of the catalogue for every other consumer too.
 */
const UNSAFE_SVG = /<\s*(script|foreignObject|iframe|embed|object|use|image|a)\b|\bon[a-z]+\s*=|javascript:|href\s*=\s*(?:"(?!#)|'(?!#)|(?!["'#]))|@import|url\(\s*(?:"(?!#)|'(?!#)|(?!["'#]))/i;

export type IconSource = { kind: 'name'; name: string } | { kind: 'url'; url: string };

/** Why `icon` is refused, or undefined when it is fine. */
export function iconProblem(icon: string): string | undefined {
  if (icon.length > MAX_ICON_LENGTH) return `icon is longer than ${MAX_ICON_LENGTH} characters`;
  if (!icon.startsWith('data:')) return ICON_NAME.test(icon) ? undefined : 'icon must be an icon name like "webhook" or a data:image/svg+xml URL';
  const match = DATA_URL.exec(icon);
  if (match === null) return 'icon data URL must be data:image/svg+xml, data:image/png or data:image/webp';
  if (match[1] !== 'svg+xml') return undefined;
  const svg = decodeSvg(match[3] ?? '', match[2] !== undefined);
  if (svg === undefined) return 'icon SVG data URL cannot be decoded';
  return UNSAFE_SVG.test(svg) ? 'icon SVG must not contain scripts, event handlers or external links' : undefined;
}

/** A checked icon, ready to draw: a name of the icon set, or an image URL. */
export function iconSource(icon: string | undefined): IconSource | undefined {
  if (icon === undefined || iconProblem(icon) !== undefined) return undefined;
  return icon.startsWith('data:') ? { kind: 'url', url: icon } : { kind: 'name', name: icon };
}

// Browsers, Node and the sandbox all have atob; this package's types name neither DOM nor Node.
const { atob } = globalThis as unknown as { atob: (data: string) => string };

function decodeSvg(payload: string, isBase64: boolean): string | undefined {
  try {
    return isBase64 ? atob(payload) : decodeURIComponent(payload);
  } catch {
    return undefined;
  }
}
