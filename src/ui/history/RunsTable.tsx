import type { RunRecord } from '../../core/project/runRecord';
import { TASK_LABELS } from '../format';
import { runDuration, runModel, runName, runScore, runTime } from './runText';

const STATUS_TEXT = { succeeded: 'Done', failed: 'Failed', cancelled: 'Cancelled' } as const;

/** The runs, newest first: a checkbox each for comparing two, and Re-run and Delete. */
export function RunsTable({ runs, selected, onSelect, onRerun, onDelete, busy }: {
  runs: readonly RunRecord[];
  selected: readonly string[];
  onSelect: (id: string, on: boolean) => void;
  onRerun: (run: RunRecord) => void;
  onDelete: (run: RunRecord) => void;
  /** A training is running: Re-run waits. */
  busy: boolean;
}) {
  return (
    <div className="table-scroll runs-scroll">
      <table className="runs-table" aria-label="Runs">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Compare</span>
            </th>
            <th scope="col">Started</th>
            <th scope="col">Model</th>
            <th scope="col">Score</th>
            <th scope="col">Cross-validated</th>
            <th scope="col">Data</th>
            <th scope="col">Duration</th>
            <th scope="col">Status</th>
            <th scope="col" className="row-action">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const score = runScore(run);
            const checked = selected.includes(run.id);
            const name = runName(run);
            return (
              <tr key={run.id} className={checked ? 'hl' : undefined}>
                <td>
                  <input type="checkbox" aria-label={`Compare ${name}`} checked={checked} disabled={!checked && selected.length >= 2} onChange={(e) => onSelect(run.id, e.target.checked)} />
                </td>
                <td className="nowrap">{runTime(run)}</td>
                <th scope="row">
                  {runModel(run)}
                  <span className="run-sub">
                    {run.problem.target === null ? TASK_LABELS[run.problem.task] : `${run.problem.target} · ${TASK_LABELS[run.problem.task]}`} · seed {run.seed}
                  </span>
                </th>
                <td className="num">
                  {score.value}
                  {score.value !== '—' ? <span className="run-sub">{score.label}</span> : null}
                </td>
                <td className="num">{score.cv}</td>
                <td>
                  {run.data.name}
                  <span className="run-sub">{run.data.rows.toLocaleString('en-US')} rows</span>
                </td>
                <td className="num nowrap">{runDuration(run.durationMs)}</td>
                <td>
                  <span className={`run-status run-${run.status}`} title={run.error}>
                    {STATUS_TEXT[run.status]}
                  </span>
                  {run.error ? <span className="run-sub run-error">{run.error}</span> : null}
                </td>
                <td className="nowrap row-action">
                  <button type="button" className="small-button" aria-label={`Re-run ${name}`} disabled={busy} onClick={() => onRerun(run)}>
                    Re-run
                  </button>{' '}
                  <button type="button" className="small-button" aria-label={`Delete ${name}`} onClick={() => onDelete(run)}>
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
