import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { RunRecord } from '../../core/project/runRecord';
import { showError } from '../../state/actions';
import { clearRuns, deleteRun, exportProjectText, importProject, rerun, restoreRuns } from '../../state/runActions';
import { downloadBlob } from '../download';
import { useStudio } from '../useStudio';
import { RunComparison } from './RunComparison';
import { RunsTable } from './RunsTable';
import { runName } from './runText';
import './history.css';

/**
 * The header's "Run history (N)" button and the panel it opens below the header, on every step:
 * every training, Auto run and tuning, kept in this browser.
 */
export function RunHistory() {
  const count = useStudio((s) => s.runs.length);
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <>
      <button ref={toggle} type="button" className="history-toggle" aria-expanded={open} aria-controls="run-history" onClick={() => setOpen(!open)}>
        Run history ({count})
      </button>
      {open ? <RunHistoryPanel onClose={close} onRerunStarted={() => setOpen(false)} /> : null}
    </>
  );
}

/** Something said after an action, with an Undo when the action can be undone. */
interface Notice {
  readonly text: string;
  readonly undo?: readonly RunRecord[];
}

function RunHistoryPanel({ onClose, onRerunStarted }: { onClose: () => void; onRerunStarted: () => void }) {
  const runs = useStudio((s) => s.runs);
  const busy = useStudio((s) => s.training.state === 'running');
  const [selected, setSelected] = useState<string[]>([]);
  const [comparing, setComparing] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const importId = useId();
  useEffect(() => heading.current?.focus(), []);

  const present = selected.filter((id) => runs.some((r) => r.id === id));
  const pair = present.length === 2 ? (present.map((id) => runs.find((r) => r.id === id)!) as [RunRecord, RunRecord]) : null;
  const select = (id: string, on: boolean) => setSelected((s) => (on ? [...s.filter((x) => x !== id), id].slice(-2) : s.filter((x) => x !== id)));
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };
  const remove = async (run: RunRecord) => {
    await deleteRun(run.id);
    setNotice({ text: `Deleted the ${runName(run)}.`, undo: [run] });
  };
  const clear = async () => {
    const removed = await clearRuns();
    setComparing(false);
    setNotice({ text: `Cleared ${removed.length} run${removed.length === 1 ? '' : 's'} from the history.`, undo: removed });
  };
  const undo = async (back: readonly RunRecord[]) => {
    await restoreRuns(back);
    setNotice({ text: `Put back ${back.length} run${back.length === 1 ? '' : 's'}.` });
  };
  const exportProject = () => {
    try {
      downloadBlob('sapling-project.json', new Blob([exportProjectText()], { type: 'application/json' }));
      setNotice({ text: `Exported ${runs.length} run${runs.length === 1 ? '' : 's'} as sapling-project.json.` });
    } catch (e) {
      showError(e);
    }
  };
  const importFile = async (file: File) => {
    const counts = await importProject(file);
    if (counts) setNotice({ text: `Imported ${file.name}: ${counts.added} run${counts.added === 1 ? '' : 's'} added${counts.already ? `, ${counts.already} already here` : ''}.` });
  };
  const rerunRun = async (run: RunRecord) => {
    setNotice(null);
    // The panel gives the screen to Train and its live chart.
    if (await rerun(run)) onRerunStarted();
  };

  return (
    <section id="run-history" className="history-panel card" aria-labelledby="run-history-title" onKeyDown={onKeyDown}>
      <div className="card-head">
        <h2 id="run-history-title" ref={heading} tabIndex={-1}>
          Run history
        </h2>
        <button type="button" className="ghost" aria-label="Close run history" onClick={onClose}>
          ×
        </button>
      </div>
      <p className="muted small history-lede">Every training, Auto run and tuning, kept in this browser. Tick two runs to compare them.</p>
      <div className="actions history-actions">
        <button type="button" className="primary" disabled={!pair} onClick={() => setComparing(true)}>
          Compare{present.length ? ` (${present.length} of 2)` : ''}
        </button>
        <button type="button" onClick={exportProject} disabled={runs.length === 0}>
          Export project
        </button>
        <span className="file-button">
          <label htmlFor={importId}>Import project</label>
          <input
            id={importId}
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </span>
        <button type="button" onClick={() => void clear()} disabled={runs.length === 0}>
          Clear history
        </button>
      </div>
      <p className="status history-notice" role="status">
        {notice?.text}
        {notice?.undo?.length ? (
          <>
            {' '}
            <button type="button" className="small-button" onClick={() => void undo(notice.undo!)}>
              Undo
            </button>
          </>
        ) : null}
      </p>
      {runs.length === 0 ? (
        <p className="muted">No runs yet. Each training is recorded here when it ends, with its recipe, seed, data and figures.</p>
      ) : (
        <RunsTable runs={runs} selected={present} onSelect={select} onRerun={(r) => void rerunRun(r)} onDelete={(r) => void remove(r)} busy={busy} />
      )}
      {comparing && pair ? <RunComparison runs={pair} onClose={() => setComparing(false)} /> : null}
    </section>
  );
}
