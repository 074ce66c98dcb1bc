/** @module Contrast: the WCAG contrast ratio of two computed CSS colours, for "does it read?" checks in play functions. */

/** Relative luminance of a computed `rgb(r, g, b)` / `rgba(…)` colour (WCAG 2 definition). */
function luminance(color: string): number {
  const channels = color.match(/[\d.]+/g)?.slice(0, 3).map(Number);
  if (channels?.length !== 3) throw new Error(`not a computed rgb() colour: ${color}`);
  const [r = 0, g = 0, b = 0] = channels.map((value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** 1 (same colour) to 21 (black on white); lines and shapes need 3 to read (WCAG 1.4.11). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
