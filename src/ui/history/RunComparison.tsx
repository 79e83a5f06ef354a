import { useState } from 'react';
import { type CompareRow, type CompareValue, compareRuns } from '../../core/project/compare';
import type { RunRecord } from '../../core/project/runRecord';
import { fmt, fmtMetric } from '../format';
import { runName } from './runText';

const FIGURE_GROUPS = new Set(['Test metrics', 'Cross-validation', 'Training metrics', 'Found']);

function valueText(row: CompareRow, v: CompareValue): string {
  if (v === null) return '—';
  if (typeof v === 'object') return `${fmtMetric(v.mean)} ± ${fmtMetric(v.std)}`;
  if (typeof v === 'number') return FIGURE_GROUPS.has(row.group) ? fmtMetric(v) : fmt(v);
  return v;
}

function deltaText(row: CompareRow): string {
  if (row.delta === undefined) return '';
  if (row.delta === 0) return 'same';
  const sign = row.delta > 0 ? '+' : '−';
  const size = FIGURE_GROUPS.has(row.group) ? fmtMetric(Math.abs(row.delta)) : fmt(Math.abs(row.delta));
  const better = row.better === 'a' ? ' (A better)' : row.better === 'b' ? ' (B better)' : '';
  return `${sign}${size}${better}`;
}

/**
 * Two runs side by side: what they ran with and what they scored, rows that differ marked (and
 * said, for screen readers), figures with their difference B − A and, for test and cross-validated
 * ones, the better run. A is the older run.
 */
export function RunComparison({ runs, onClose }: { runs: readonly [RunRecord, RunRecord]; onClose: () => void }) {
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const [a, b] = runs[0].startedAt <= runs[1].startedAt ? runs : [runs[1], runs[0]];
  const rows = compareRuns(a, b);
  const differing = rows.filter((r) => r.differs && !FIGURE_GROUPS.has(r.group) && r.label !== 'Duration (s)').length;
  const shown = onlyDifferences ? rows.filter((r) => r.differs) : rows;
  const groups = [...new Set(shown.map((r) => r.group))];
  return (
    <div className="run-compare" aria-labelledby="run-compare-title" role="region">
      <div className="card-head">
        <h3 id="run-compare-title">Comparison</h3>
        <div className="actions">
          <label className="check">
            <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} />
            Only differences
          </label>
          <button type="button" onClick={onClose}>
            Close comparison
          </button>
        </div>
      </div>
      <p className="muted small">
        {differing === 0 ? 'Same data and settings.' : `${differing} setting${differing === 1 ? '' : 's'} differ${differing === 1 ? 's' : ''}, marked.`} Differences are B − A; the better run is named by test and cross-validated figures only (a higher training score is no merit: it can be overfitting).
      </p>
      <table className="compare-table" aria-label="Run comparison">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">What</span>
            </th>
            <th scope="col">A: {runName(a)}</th>
            <th scope="col">B: {runName(b)}</th>
            <th scope="col">Difference</th>
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group}>
            <tr className="compare-group">
              <th scope="colgroup" colSpan={4}>
                {group}
              </th>
            </tr>
            {shown
              .filter((r) => r.group === group)
              .map((r) => (
                <tr key={`${group}/${r.label}`} className={r.differs ? 'differs' : undefined}>
                  <th scope="row">
                    {r.label}
                    {r.differs ? <span className="visually-hidden"> (differs)</span> : null}
                  </th>
                  <td className={typeof r.a === 'string' && r.a.length > 24 ? 'long' : undefined}>{valueText(r, r.a)}</td>
                  <td className={typeof r.b === 'string' && r.b.length > 24 ? 'long' : undefined}>{valueText(r, r.b)}</td>
                  <td className={r.better === 'a' ? 'delta better-a' : r.better === 'b' ? 'delta better-b' : 'delta'}>{deltaText(r)}</td>
                </tr>
              ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
