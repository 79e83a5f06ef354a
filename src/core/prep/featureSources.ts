import type { FeatureInfo } from './pipeline';

/**
 * The original columns a model feature comes from: its `sources` (`age×fare` ← age, fare), or the
 * single `source` of a feature list written before lineage. A leaf, so explanations and the
 * prediction runtime read lineage without the recipe's fitting code.
 */
export function featureSources(f: FeatureInfo): readonly string[] {
  const sources = (f as FeatureInfo & { sources?: readonly string[] }).sources;
  return sources?.length ? sources : [f.source];
}

/** True when every feature comes from exactly one of `columns` (fill, scale, one-hot): features can then be grouped by column in the model's matrix. */
export function oneSourceEach(features: readonly FeatureInfo[], columns: ReadonlySet<string>): boolean {
  return features.every((f) => {
    const s = featureSources(f);
    return s.length === 1 && columns.has(s[0]);
  });
}
