import { useState } from 'react';
import type { ColumnDrift, MonitorReport } from '../../core/monitor/types';
import { fmt } from '../format';
import { DistributionChart, MiniOverlay } from './DistributionChart';
import { TEST_LABELS, fmtP } from './monitorText';

/**
 * Each input column's drift (and the predictions' below them): the test chosen for it, its
 * statistic, the p-value or threshold it is judged by, the PSI, the verdict, and the two
 * distributions overlaid; the column picked is drawn large below the table.
 */
export function DriftTable({ report }: { report: MonitorReport }) {
  // Drifted columns first, then by PSI: the first row is the one drawn large until another is picked.
  const rows = [...report.columns].sort((a, b) => Number(b.drifted) - Number(a.drifted) || b.psi - a.psi);
  const [picked, setPicked] = useState<string | null>(null);
  const shown = picked === '(predictions)' ? report.prediction : (rows.find((c) => c.column === picked) ?? rows[0] ?? null);
  const shownName = picked === '(predictions)' ? 'the predictions' : shown ? shown.column : '';
  return (
    <div className="card">
      <h3 id="drift-table-title">Column drift</h3>
      <div className="table-scroll">
        <table aria-labelledby="drift-table-title" className="metrics drift-table">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Test</th>
              <th scope="col">Statistic</th>
              <th scope="col">p-value</th>
              <th scope="col">Threshold</th>
              <th scope="col">PSI</th>
              <th scope="col">Drift</th>
              <th scope="col">Reference vs new</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <DriftRow key={c.column} drift={c} name={c.column} picked={shown === c} onPick={() => setPicked(c.column)} />
            ))}
            <DriftRow drift={report.prediction} name="(predictions)" picked={picked === '(predictions)'} onPick={() => setPicked('(predictions)')} />
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Numbers: Kolmogorov–Smirnov with a small reference, the Wasserstein distance (in reference standard deviations) with a larger one; categories: chi-square, or the Jensen–Shannon distance. PSI bands: below 0.1 none, 0.1–0.25 moderate, above major.
      </p>
      {shown ? (
        <div className="drift-detail">
          <h4>Distribution of {shownName}</h4>
          <DistributionChart drift={shown} name={shownName} />
        </div>
      ) : (
        <p className="muted">Pick a column to see its distributions.</p>
      )}
    </div>
  );
}

function DriftRow({ drift, name, picked, onPick }: { drift: ColumnDrift; name: string; picked: boolean; onPick: () => void }) {
  return (
    <tr className={drift.drifted ? 'drifted' : undefined}>
      <th scope="row">
        <button type="button" className="link-button" aria-pressed={picked} aria-label={`Show distribution of ${name}`} onClick={onPick}>
          {name}
        </button>
      </th>
      <td>{TEST_LABELS[drift.test]}</td>
      <td>{fmt(drift.statistic)}</td>
      <td>{fmtP(drift.p_value)}</td>
      <td>{drift.p_value === null ? `> ${fmt(drift.threshold)}` : `p < ${fmt(drift.threshold)}`}</td>
      <td>
        {fmt(drift.psi)} <span className="muted small">({drift.psi_band})</span>
      </td>
      <td>{drift.drifted ? <strong className="drift-yes">Drifted</strong> : <span className="muted">No</span>}</td>
      <td>
        <MiniOverlay drift={drift} name={name} />
      </td>
    </tr>
  );
}
