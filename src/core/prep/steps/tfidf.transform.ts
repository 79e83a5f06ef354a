import type { Column } from '../../table/column';
import { checkDistinctStrings, checkEntries, checkNumbers, checkObject } from '../../util/check';
import { type Keyed, own } from '../../util/keyed';
import { type StepTransform, outputTable } from '../step';

/** Per text column: the kept words (in output order) and each one's inverse document frequency. */
export type TfidfState = { columns: Keyed<{ vocabulary: string[]; idf: number[] }> };

/**
 * The words of a text, as scikit-learn's default analyzer finds them: lower-cased, then runs of two
 * or more word characters (`(?u)\b\w\w+\b`). Python's `\w` is letters, digits and numbers of any
 * script and `_`: `[\p{L}\p{N}_]` here (equal on every code point Python 3.11's Unicode 14 assigns).
 */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]{2,}/gu) ?? [];
}

/** The name of the column holding `word`'s weight in `column`. */
export function tfidfColumnName(column: string, word: string): string {
  return `${column}|tfidf=${word}`;
}

/**
 * Replays TF-IDF: each text becomes one column per kept word, its count times the word's idf, the
 * row scaled to unit length (l2); a missing text is an empty one (all zeros).
 */
export const tfidfTransform: StepTransform<TfidfState> = {
  id: 'tfidf',
  checkState(state, path) {
    checkEntries(checkObject(state, path).columns, `${path}.columns`, (v, at) => {
      const spec = checkObject(v, at);
      checkNumbers(spec.idf, `${at}.idf`, checkDistinctStrings(spec.vocabulary, `${at}.vocabulary`).length, 0);
    });
  },
  transform(table, state) {
    const out: Column[] = [];
    for (const column of table.columns) {
      const spec = own(state.columns, column.name);
      if (!spec || (column.kind !== 'text' && column.kind !== 'categorical')) {
        out.push(column);
        continue;
      }
      const index = new Map(spec.vocabulary.map((word, k) => [word, k]));
      const outputs = spec.vocabulary.map((word) => ({ kind: 'numeric' as const, name: tfidfColumnName(column.name, word), values: new Float64Array(table.rowCount) }));
      // Each distinct text is weighed once (the column is dictionary-coded), then copied to its rows.
      const weights = column.categories.map((text) => weigh(text, index, spec.idf));
      for (let i = 0; i < table.rowCount; i++) {
        const code = column.codes[i];
        if (code < 0) continue;
        for (const [k, w] of weights[code]) outputs[k].values[i] = w;
      }
      out.push(...outputs);
    }
    return outputTable(out, 'tfidf');
  },
};

/** One text's l2-normalised tf-idf weights over the kept words, as [word index, weight] pairs. */
function weigh(text: string, index: Map<string, number>, idf: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const token of tokenize(text)) {
    const k = index.get(token);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let norm = 0;
  for (const [k, c] of counts) norm += (c * idf[k]) ** 2;
  norm = Math.sqrt(norm);
  for (const [k, c] of counts) counts.set(k, (c * idf[k]) / norm);
  return counts;
}
