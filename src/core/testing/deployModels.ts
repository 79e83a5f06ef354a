import gbdtFixture from '../artifact/fixtures/model-v2-gbdt-penguins-sex.json' with { type: 'json' };
import type { AnyModelFile } from '../artifact/modelFile';

/** Column, category and class names that try to break out of HTML, JSON-in-script and shell quoting. */
export const HOSTILE = {
  column: `</script><script>alert("col")</script>`,
  category: `<!--'"><img src=x onerror=alert(1)>`,
  label: `</SCRIPT ><b>&amp;'\u2028`,
} as const;

/**
 * The penguins gbdt fixture with `species` renamed to a hostile column name, the category `Adelie`
 * and the class `female` to hostile labels, everywhere in the file (schema, pipeline state, features,
 * report), so the file stays consistent and loads.
 */
export function hostileModelFile(): AnyModelFile {
  return renamedFixture((s) => s.replaceAll('species', HOSTILE.column).replaceAll('Adelie', HOSTILE.category).replaceAll('female', HOSTILE.label));
}

/**
 * The penguins gbdt fixture with its columns `species`, `island` and `year` renamed `__proto__`,
 * `constructor` and `toString` everywhere in the file: names a plain object already has (or whose
 * assignment sets its prototype), which rows must still read as values (see oddNames.ts).
 */
export function oddNamesModelFile(): AnyModelFile {
  return renamedFixture((s) => s.replaceAll('species', '__proto__').replaceAll('island', 'constructor').replaceAll('year', 'toString'));
}

/** The penguins gbdt fixture with `rename` applied to every string and key of the file. */
function renamedFixture(rename: (s: string) => string): AnyModelFile {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return rename(v);
    if (Array.isArray(v)) return v.map(walk);
    // Object.fromEntries defines each key as an own property, `__proto__` included.
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [rename(k), walk(x)]));
    return v;
  };
  return walk(structuredClone(gbdtFixture)) as AnyModelFile;
}

/** The penguins gbdt fixture as it is. */
export function gbdtModelFile(): AnyModelFile {
  return structuredClone(gbdtFixture) as unknown as AnyModelFile;
}
