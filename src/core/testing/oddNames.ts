/**
 * A CSV whose column names, categories and classes are the names JavaScript objects inherit
 * (`__proto__`, `constructor`, `toString`, `hasOwnProperty`, `valueOf`): any state keyed by a user
 * string in a plain object breaks on it. Shared by the CLI tests, the core tests and the studio's
 * end-to-end test. Never imported by app code.
 */

/** Names every JavaScript object inherits (or, for `__proto__`, sets the prototype through). */
export const ODD_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** Classes of the `label` column of {@link oddNamesCsv}. */
export const ODD_CLASSES = ['__proto__', 'toString'] as const;

/**
 * `rows` data rows (deterministic) with columns `__proto__` (numbers), `constructor` (categories
 * named like the columns), `toString` (numbers with gaps), `hasOwnProperty` (categories `valueOf`,
 * `x`, `prototype`), `valueOf` (numbers, noise) and `label`: `toString` when `__proto__` plus 3 for
 * the category `__proto__` plus 2 for `valueOf` exceeds 6, else `__proto__`. The label is a linear
 * rule of the first two columns, so every family can learn it.
 */
export function oddNamesCsv(rows = 160): string {
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const categories = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
  const lines = [[...ODD_NAMES, 'label'].join(',')];
  for (let i = 0; i < rows; i++) {
    const proto = Math.round(random() * 1000) / 100;
    const category = categories[i % 4];
    const gappy = i % 7 === 3 ? '' : (random() * 5).toFixed(2);
    const own = ['valueOf', 'x', 'prototype'][i % 3];
    const noise = (random() * 3).toFixed(2);
    const score = proto + (category === '__proto__' ? 3 : 0) + (own === 'valueOf' ? 2 : 0);
    lines.push([proto, category, gappy, own, noise, score > 6 ? 'toString' : '__proto__'].join(','));
  }
  return lines.join('\n') + '\n';
}
