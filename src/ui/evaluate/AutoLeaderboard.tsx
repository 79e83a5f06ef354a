import { useState } from 'react';
import { LOWER_IS_BETTER, METRIC_LABELS } from '../../core/evaluate/evaluate';
import { labelInSentence } from '../../core/models/info';
import type { TrainReport } from '../../core/train/report';
import { goTo, setModel, setModelParam } from '../../state/actions';
import { train } from '../../state/modelJobs';
import { fmtMetric } from '../format';
import { autoPlain } from '../train/autoReason';

/** How Auto chose: its reason, and the leaderboard of every family on the same folds, sortable, each trainable from here. */
export function AutoLeaderboard({ report }: { report: TrainReport }) {
  const auto = report.auto;
  const [sortBy, setSortBy] = useState<string | null>(null);
  if (!auto) return null;
  const scored = auto.leaderboard.filter((r) => !Number.isNaN(r.score));
  const metrics = scored.length ? Object.keys(scored[0].metrics) : [];
  const key = sortBy ?? auto.metric;
  const sign = LOWER_IS_BETTER.has(key) ? 1 : -1;
  const rows = [...auto.leaderboard].sort((a, b) => {
    const va = key === 'seconds' ? a.ms : a.metrics[key]?.mean;
    const vb = key === 'seconds' ? b.ms : b.metrics[key]?.mean;
    if (va === undefined || Number.isNaN(va)) return 1;
    if (vb === undefined || Number.isNaN(vb)) return -1;
    return key === 'seconds' ? va - vb : sign * (va - vb);
  });
  const tuned = auto.trials.length;
  // A row with its own settings (the ensemble's members and theirs) trains with them.
  const trainThis = (model: string, params: Readonly<Record<string, unknown>> = {}) => {
    setModel(model);
    for (const [key, value] of Object.entries(params)) setModelParam(key, value);
    goTo('train');
    void train();
  };
  const header = (k: string, label: string) => (
    <th scope="col" aria-sort={key === k ? (k === 'seconds' || LOWER_IS_BETTER.has(k) ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="link" onClick={() => setSortBy(k)} title={`Sort by ${label.toLowerCase()}`}>
        {label}
      </button>
    </th>
  );
  return (
    <div className="card">
      <h3 id="auto-title">How Auto chose</h3>
      <p>{autoPlain(auto)}</p>
      <details className="disclosure">
        <summary>The figures behind the choice</summary>
        <p>{auto.explanation}</p>
      </details>
      <p className="help">
        Every model with its default settings, scored on the same {auto.folds} cross-validation folds of the training rows (means over the folds; ± the spread), best first by {METRIC_LABELS[auto.metric] ?? auto.metric}
        {tuned ? `; then ${tuned} tuned candidates of the leaders` : ''}. {auto.stop_reason.replace(/^./, (c) => c.toUpperCase())} ({auto.trials_per_model !== undefined ? `${auto.trials_per_model} tuning trials per model, no clock` : `budget ${auto.budget_s} s`}). Click a heading to sort.
      </p>
      {auto.rescored?.length ? (
        <p className="help">
          The best of many tries flatters tuned settings, so each leader’s best was scored again on fresh folds before it competed:{' '}
          {auto.rescored.map((r) => `${labelInSentence(r.model)} ${fmtMetric(r.searched)} in the search, ${fmtMetric(r.score)} afresh`).join('; ')}.
        </p>
      ) : null}
      <div className="table-scroll">
        <table aria-label="Leaderboard" className="metrics leaderboard">
          <thead>
            <tr>
              <th scope="col">Model</th>
              {metrics.map((m) => header(m, METRIC_LABELS[m] ?? m))}
              {header('seconds', 'Seconds')}
              <th scope="col" className="row-action">
                <span className="visually-hidden">Train</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.model} className={r.model === auto.winner.model ? 'chosen' : undefined}>
                <th scope="row">
                  {r.label}
                  {r.model === auto.winner.model ? <span className="badge">{Object.keys(auto.winner.params).length && !r.params ? `chosen, tuned: ${fmtMetric(auto.winner.score)}` : 'chosen'}</span> : null}
                </th>
                {Number.isNaN(r.score) ? (
                  <td colSpan={metrics.length}>failed: {r.error}</td>
                ) : (
                  metrics.map((m) => (
                    <td key={m} title={`${METRIC_LABELS[m] ?? m}: ${fmtMetric(r.metrics[m].mean)} ± ${fmtMetric(r.metrics[m].std)} over the folds`}>
                      {fmtMetric(r.metrics[m].mean)}
                      {m === auto.metric ? <span className="muted"> ± {fmtMetric(r.metrics[m].std)}</span> : null}
                    </td>
                  ))
                )}
                <td>{(r.ms / 1000).toFixed(r.ms < 10_000 ? 2 : 1)}</td>
                <td className="row-action">
                  <button type="button" onClick={() => trainThis(r.model, r.params)} aria-label={`Train ${r.label}`}>
                    Train
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
