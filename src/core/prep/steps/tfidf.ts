import type { CodedColumn } from '../../table/column';
import { keyed } from '../../util/keyed';
import { columnsParam, selectColumns } from '../step';
import type { NewStepDefinition } from './contract';
import { type TfidfState, tfidfColumnName, tfidfTransform, tokenize } from './tfidf.transform';

const schema = {
  maxFeatures: {
    type: 'number',
    label: 'Most words',
    default: 100,
    min: 1,
    max: 10_000,
    integer: true,
    help: 'Keeps this many of the words used most often in the training texts (one column each).',
  },
  columns: columnsParam('text'),
} as const;

/** Compares strings by code point, as Python sorts them (JavaScript's `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800–DFFF, astral code points) sort after U+E000–FFFF by code point.
    if (x >= 0xd800 && y >= 0xd800) {
      x += x < 0xe000 ? 0x2000 : -0x800;
      y += y < 0xe000 ? 0x2000 : -0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

/**
 * TF-IDF of one text column as scikit-learn's TfidfVectorizer with its defaults (lowercase,
 * token_pattern `(?u)\b\w\w+\b`, smooth_idf, no sublinear tf, l2 norm) and max_features: the words
 * with the largest total counts (ties: the word first in code-point order; scikit-learn's unstable
 * sort may take either), in code-point order, each with idf = ln((1 + n) / (1 + df)) + 1.
 * A missing text is an empty document.
 */
export function fitTfidf(column: CodedColumn, maxFeatures: number): { vocabulary: string[]; idf: number[] } {
  // Each distinct text is tokenised once; rows only count.
  const perText = column.categories.map((text) => {
    const counts = new Map<string, number>();
    for (const t of tokenize(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
    return counts;
  });
  const totals = new Map<string, number>();
  const documents = new Map<string, number>();
  for (const code of column.codes) {
    if (code < 0) continue;
    for (const [word, count] of perText[code]) {
      totals.set(word, (totals.get(word) ?? 0) + count);
      documents.set(word, (documents.get(word) ?? 0) + 1);
    }
  }
  let words = [...totals.keys()].sort(compareCodePoints);
  if (words.length > maxFeatures) {
    const ranked = words.map((w, k) => [totals.get(w)!, k] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    words = ranked.slice(0, maxFeatures).map(([, k]) => k).sort((a, b) => a - b).map((k) => words[k]);
  }
  const n = column.codes.length;
  return { vocabulary: words, idf: words.map((w) => Math.log((1 + n) / (1 + documents.get(w)!)) + 1) };
}

/** Text to TF-IDF columns of its most frequent words (`review|tfidf=great`), as scikit-learn's TfidfVectorizer. */
export const tfidfStep: NewStepDefinition<typeof schema, TfidfState> = {
  id: 'tfidf',
  label: 'Text to TF-IDF',
  help: "Turns free text into one column per frequent word (review|tfidf=great): how often the word appears in the row's text, weighted up for words few texts use, each row scaled to length 1. Words are runs of two or more letters or digits, lower-cased.",
  schema,
  checkState: tfidfTransform.checkState,
  fit(table, params) {
    const columns: TfidfState['columns'] = keyed();
    for (const column of selectColumns(table, params.columns, ['text']) as CodedColumn[]) columns[column.name] = fitTfidf(column, params.maxFeatures);
    return { columns };
  },
  transform: (table, _params, state) => tfidfTransform.transform(table, state),
  lineage: (state) => Object.entries(state.columns).flatMap(([name, spec]) => spec.vocabulary.map((word) => [tfidfColumnName(name, word), [name]] as const)),
};
