
import type { CvMetrics, LeaderboardRow } from '../core/train/report';
import type { DataProfile } from '../core/profile/profile';
import { METRIC_LABELS, type Metrics } from '../core/evaluate/evaluate';

/** A number for a terminal: 4 significant digits, integers as they are. */
export function num(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '';
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

/** Left-aligned columns separated by two spaces. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n');
}

/** Characters of a value shown in a terminal table before it is cut with `…`. */
const CELL_CHARS = 40;

/** A value for one line of a terminal table: line breaks and tabs shown as `\n` and `\t`, long ones cut. */
export function shortCell(value: string): string {
  const cut = value.length > CELL_CHARS ? `${value.slice(0, CELL_CHARS)}… (${value.length.toLocaleString('en-US')} characters)` : value;
  return cut.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

/** The readable summary `sapling profile` prints. */
export function formatProfile(name: string, profile: DataProfile, meta: { delimiter: string; encoding: string }): string {
  const delimiter = meta.delimiter === '\t' ? 'tab' : `"${meta.delimiter}"`;
  const head = `${name}: ${profile.rows} rows, ${profile.columns.length} columns (delimiter ${delimiter}, ${meta.encoding})`;
  const rows = [['column', 'type', 'missing', 'unique', 'mean', 'std', 'min', 'max', 'top values']];
  for (const c of profile.columns) {
    const numeric = c.kind === 'numeric';
    const top = c.top?.slice(0, 3).map((t) => `${shortCell(t.value)} (${t.count})`).join(', ') ?? '';
    rows.push([
      c.name,
      c.type,
      String(c.missing),
      String(c.unique),
      numeric ? num(c.mean) : '',
      numeric ? num(c.std) : '',
      numeric ? num(c.min) : c.kind === 'datetime' && c.min !== undefined && !Number.isNaN(c.min) ? new Date(c.min).toISOString().slice(0, 10) : '',
      numeric ? num(c.max) : c.kind === 'datetime' && c.max !== undefined && !Number.isNaN(c.max) ? new Date(c.max).toISOString().slice(0, 10) : '',
      top,
    ]);
  }
  const warnings = profile.warnings.length ? ['', 'warnings:', ...profile.warnings.map((w) => `  - ${w.message}`)] : ['', 'no warnings'];
  return [head, '', table(rows), ...warnings].join('\n');
}

/** Train and test metrics side by side. */
/** Cross-validated metrics: mean ± standard deviation, then each fold's value. */
export function formatCv(cv: CvMetrics): string {
  const rows = [['metric', 'mean ± std', 'folds']];
  for (const [key, m] of Object.entries(cv)) rows.push([METRIC_LABELS[key] ?? key, `${num(m.mean)} ± ${num(m.std)}`, m.folds.map(num).join('  ')]);
  return table(rows);
}

/** Auto's leaderboard: family, the ranking metric's mean ± spread, and time, best first. */
export function formatLeaderboard(rows: readonly LeaderboardRow[], metric: string): string {
  const table_ = [['rank', 'model', `${METRIC_LABELS[metric] ?? metric} (mean ± std)`, 'seconds']];
  rows.forEach((r, i) => table_.push([String(i + 1), r.model, Number.isNaN(r.score) ? `failed: ${r.error}` : `${num(r.score)} ± ${num(r.metrics[metric].std)}`, num(r.ms / 1000)]));
  return table(table_);
}

export function formatMetrics(metrics: { train: Metrics; test: Metrics }): string {
  const rows = [['metric', 'train', 'test']];
  for (const key of Object.keys(metrics.test)) rows.push([METRIC_LABELS[key] ?? key, num(metrics.train[key]), num(metrics.test[key])]);
  return table(rows);
}
