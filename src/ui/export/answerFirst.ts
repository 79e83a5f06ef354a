import { fmt } from '../format';

/** A predictions preview as the table shows it: the answer columns first, then the inputs. */
export interface AnswerFirst {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The answer columns (prediction, proba_*, cluster, pc*), for highlighting. */
  readonly answers: readonly string[];
}

/**
 * Moves the `added` answer columns (the last ones: what `sapling predict` appends to the inputs)
 * to the front, so the answer is seen without scrolling past every input, and prints their numbers
 * for reading: probabilities to three decimals, other numbers to four significant figures. Only
 * the preview changes; the downloaded CSV keeps the CLI's order and every digit.
 */
export function answerFirst(columns: readonly string[], rows: readonly (readonly string[])[], added: number): AnswerFirst {
  const cut = columns.length - added;
  const answers = columns.slice(cut);
  const show = answers.map((c) => (c.startsWith('proba_') ? probability : number));
  return {
    columns: [...answers, ...columns.slice(0, cut)],
    rows: rows.map((r) => [...r.slice(cut).map((cell, j) => show[j](cell)), ...r.slice(0, cut)]),
    answers,
  };
}

function probability(cell: string): string {
  const v = Number(cell);
  return cell.trim() === '' || !Number.isFinite(v) ? cell : v.toFixed(3);
}

/** A number to four significant figures; a class label (or anything else) as it is. */
function number(cell: string): string {
  const v = Number(cell);
  return cell.trim() === '' || !Number.isFinite(v) ? cell : fmt(v);
}
