import { useId, useState } from 'react';
import { defaultSplit, monitorAgain, monitorFiles } from '../../state/monitorActions';
import type { MonitorView } from '../../state/store';
import type { MonitorSplit } from '../../workers/monitorProtocol';
import { useStudio } from '../useStudio';

type SplitKind = MonitorSplit['kind'];

/**
 * The new data (`held`: the last run's, kept in the worker even when the model has changed since,
 * so it can be monitored again against the new model): one or more CSV files (each file a chunk of the timeline, or one file cut into equal
 * chunks or by a date column's period), read and monitored in the worker as soon as chosen.
 */
export function NewDataCard({ held }: { held: MonitorView | null }) {
  const id = useId();
  const current = useStudio((s) => s.current);
  const running = useStudio((s) => s.monitor.state === 'running' || s.retrain.state === 'running');
  // The form follows what the last run used (a first run of several files takes one chunk per file) until changed.
  const [choice, setChoice] = useState<{ for: MonitorView | null; kind: SplitKind }>({ for: held, kind: held?.split.kind ?? 'chunks' });
  const kind = choice.for === held ? choice.kind : (held?.split.kind ?? choice.kind);
  const setKind = (k: SplitKind) => setChoice({ for: held, kind: k });
  const [chunks, setChunks] = useState(held?.split.kind === 'chunks' ? held.split.chunks : 5);
  const [column, setColumn] = useState(held?.split.kind === 'by' ? held.split.column : '');
  const [period, setPeriod] = useState<'day' | 'week' | 'month'>(held?.split.kind === 'by' ? held.split.period : 'month');
  const files = held?.files.length ?? 0;
  const dates = held?.dateColumns ?? [];
  const split = (): MonitorSplit => (kind === 'files' ? { kind } : kind === 'by' && (column || dates[0]) ? { kind, column: column || dates[0], period } : { kind: 'chunks', chunks: Math.max(1, Math.min(50, Math.round(chunks) || 1)) });
  const choose = (list: FileList | null) => {
    const chosen = list ? Array.from(list) : [];
    if (!chosen.length) return;
    // A date column is chosen once the data is read: a first run cuts it into equal chunks.
    void monitorFiles(chosen, chosen.length === 1 && kind === 'chunks' ? split() : defaultSplit(chosen.length));
  };
  return (
    <div className="card monitor-new">
      <h3>Load new data</h3>
      <div className="monitor-new-grid">
        <div className="drop">
          <label htmlFor={`${id}-files`} className="drop-label">
            New data
          </label>
          <input
            id={`${id}-files`}
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
            multiple
            disabled={!current || running}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              choose(e.target.files);
              e.target.value = '';
            }}
          />
          <p id={`${id}-hint`} className="hint">
            One or more CSV files with the columns the model reads{current?.kind === 'supervised' ? `; with “${current.problem.target}” filled in, the performance is measured, not estimated, and the model can be retrained` : ''}.
          </p>
          {held ? (
            <p className="muted small" aria-live="polite">
              {held.files.map((f) => `${f.name} (${f.rows.toLocaleString('en-US')} rows)`).join(', ')}
            </p>
          ) : null}
        </div>
        <fieldset className="monitor-split" disabled={running}>
          <legend>Timeline chunks</legend>
          <label className="field">
            <span>Cut the new rows</span>
            <select aria-label="Chunks" value={kind} onChange={(e) => setKind(e.target.value as SplitKind)}>
              {files > 1 ? <option value="files">One chunk per file</option> : null}
              <option value="chunks">Into equal chunks</option>
              {dates.length ? <option value="by">By a date column</option> : null}
            </select>
          </label>
          {kind === 'chunks' ? (
            <label className="field">
              <span>Number of chunks</span>
              <input type="number" min={1} max={50} value={chunks} onChange={(e) => setChunks(Number(e.target.value))} />
            </label>
          ) : null}
          {kind === 'by' ? (
            <>
              <label className="field">
                <span>Date column</span>
                <select value={column || dates[0]} onChange={(e) => setColumn(e.target.value)}>
                  {dates.map((d) => (
                    <option key={d}>{d}</option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>Period</span>
                <select value={period} onChange={(e) => setPeriod(e.target.value as typeof period)}>
                  <option value="day">Day</option>
                  <option value="week">Week</option>
                  <option value="month">Month</option>
                </select>
              </label>
            </>
          ) : null}
          {held ? (
            <button type="button" disabled={!current} onClick={() => void monitorAgain(split())}>
              Monitor again
            </button>
          ) : (
            <p className="muted small">{dates.length ? '' : 'A date column in the new data lets you cut it by day, week or month.'}</p>
          )}
        </fieldset>
      </div>
    </div>
  );
}
