import type { TreeDescription, TreeNodeView } from '../../../core/models/trees/describe';
import { fmt } from '../../format';

/** Training rows, as a count. */
export function rowsText(samples: number): string {
  const n = Math.round(samples);
  return `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;
}

/** A boosting score with its sign. */
function signed(v: number): string {
  // Scores that cancel out (an inner node's mean) land a rounding error away from zero.
  if (Math.abs(v) < 1e-9) return '0';
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${fmt(Math.abs(v))}`;
}

/** What the node predicts, short: `Adelie`, `≈ 4250`, `+0.132`. */
export function outcome(node: TreeNodeView): string {
  const p = node.prediction;
  if (p.kind === 'class') return p.label;
  if (p.kind === 'value') return `≈ ${fmt(p.value)}`;
  return `score ${signed(p.value)}`;
}

/** Rows and how the node predicts them: `118 of 120 rows Adelie (98%)`, `120 rows, mean 4250`. */
export function detail(node: TreeNodeView): string {
  const p = node.prediction;
  if (p.kind === 'class') return `${rowsText(node.samples)} · ${p.label} ${Math.round(p.share * 100)}%`;
  if (p.kind === 'value') return `${rowsText(node.samples)} · mean ${fmt(p.value)}`;
  return `${rowsText(node.samples)} · score ${signed(p.value)}`;
}

/** A leaf's second line: `118 of 120 rows`, or just the rows for values and scores. */
export function leafDetail(node: TreeNodeView): string {
  const p = node.prediction;
  if (p.kind !== 'class') return rowsText(node.samples);
  return `${Math.round(p.counts[p.classIndex]).toLocaleString('en-US')} of ${rowsText(node.samples)}`;
}

/** Everything known of a node, for its tooltip and the text outline. */
export function fullText(node: TreeNodeView, tree: TreeDescription): string {
  const lines: string[] = [];
  if (node.rule) lines.push(`Question: ${node.rule.question}?`);
  lines.push(node.rule ? detail(node) : `Predicts ${outcome(node)} · ${rowsText(node.samples)}`);
  const p = node.prediction;
  if (p.kind === 'class') lines.push(tree.classes.map((c, k) => `${c}: ${Math.round(p.counts[k] ?? 0)}`).join(', '));
  if (node.rule) lines.push(missingText(node));
  if (node.hidden) lines.push(`${node.hidden} more nodes below are not drawn`);
  return lines.join('\n');
}

/** Where missing values go at a split. */
export function missingText(node: TreeNodeView): string {
  const rule = node.rule!;
  const side = (rule.missing === 'left') === rule.yesGoesLeft ? 'yes' : 'no';
  return rule.missingFill !== null ? `Missing ${rule.column} is filled with ${rule.missingFill}, so it goes the “${side}” way` : `Missing ${rule.column} goes the “${side}” way`;
}

/** A note on the branch missing values take: `(and missing values, filled with 43.9)`. */
export function missingNote(node: TreeNodeView): string {
  const fill = node.rule?.missingFill;
  return fill !== null && fill !== undefined ? `(and missing values, filled with ${fill})` : '(and missing values)';
}
