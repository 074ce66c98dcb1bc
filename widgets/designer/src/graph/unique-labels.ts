/** @module Unique labels: a pasted component takes the next free name ("Set 2"), so two never read alike. */

const NUMBERED = /^(.*\S)\s+(\d+)$/;

/**
 * The label for each wanted title, in order: a title nobody uses stays as it is; a taken one becomes
 * `<base> <n>` with the smallest free n ≥ 2, where a trailing number is not part of the base ("Set 2" → "Set 3").
 */
export function uniqueLabels(taken: Iterable<string>, wanted: readonly string[]): string[] {
  const used = new Set(taken);
  return wanted.map((title) => {
    let label = title;
    if (used.has(title)) {
      const base = NUMBERED.exec(title)?.[1] ?? title;
      let n = 2;
      while (used.has(`${base} ${n}`)) n += 1;
      label = `${base} ${n}`;
    }
    used.add(label);
    return label;
  });
}
