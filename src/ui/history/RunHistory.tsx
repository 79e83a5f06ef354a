import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { RunRecord } from '../../core/project/runRecord';
import { showError } from '../../state/actions';
import { clearRuns, deleteRun, exportProjectFile, importProject, rerun, restoreRuns } from '../../state/runActions';
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
      {/* A re-run gives the screen to Train: the panel closes as × does, focus back on this button. */}
      {open ? <RunHistoryPanel onClose={close} onRerunStarted={close} /> : null}
    </>
  );
}

/** Something said after an action, with an Undo when the action can be undone. */
interface Notice {
  readonly text: string;
  readonly undo?: readonly RunRecord[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The panel: its actions, what they said, the runs and the comparison of two. */
function RunHistoryPanel({ onClose, onRerunStarted }: { onClose: () => void; onRerunStarted: () => void }) {
  const runs = useStudio((s) => s.runs);
  const inMemory = useStudio((s) => s.runsInMemory);
  const busy = useStudio((s) => s.training.state === 'running');
  const [selected, setSelected] = useState<string[]>([]);
  const [comparing, setComparing] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
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
  const rerunRun = async (run: RunRecord) => {
    setNotice(null);
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
      {inMemory ? (
        <div className="history-memory" role="note" aria-label="Run history not saved">
          <span>This browser would not save the run history: runs are kept in memory only and will be lost when the page is reloaded or closed. Export the project to keep them.</span>
          <button type="button" className="primary" onClick={() => void exportRuns(runs.length, setNotice)} disabled={runs.length === 0}>
            Export project now
          </button>
        </div>
      ) : null}
      <HistoryActions
        count={runs.length}
        ticked={present.length}
        onCompare={pair ? () => setComparing(true) : null}
        onCleared={() => setComparing(false)}
        say={setNotice}
      />
      <HistoryNotice notice={notice} say={setNotice} onUndone={() => heading.current?.focus()} />
      {runs.length === 0 ? (
        <p className="muted">No runs yet. Each training is recorded here when it ends, with its recipe, seed, data and figures.</p>
      ) : (
        <RunsTable runs={runs} selected={present} onSelect={select} onRerun={(r) => void rerunRun(r)} onDelete={(r) => void remove(r)} busy={busy} />
      )}
      {comparing && pair ? <RunComparison runs={pair} onClose={() => setComparing(false)} /> : null}
    </section>
  );
}

/** Downloads the whole history as sapling-project.json and says so. */
async function exportRuns(count: number, say: (notice: Notice) => void): Promise<void> {
  try {
    downloadBlob('sapling-project.json', await exportProjectFile());
    say({ text: `Exported ${plural(count, 'run')} as sapling-project.json.` });
  } catch (e) {
    showError(e);
  }
}

/** Compare (when two runs are ticked), Export project, Import project and Clear history. */
function HistoryActions({ count, ticked, onCompare, onCleared, say }: {
  count: number;
  ticked: number;
  /** Opens the comparison; null until two runs are ticked. */
  onCompare: (() => void) | null;
  onCleared: () => void;
  say: (notice: Notice) => void;
}) {
  const importId = useId();
  const exportProject = () => exportRuns(count, say);
  const importFile = async (file: File) => {
    const counts = await importProject(file);
    if (counts) say({ text: `Imported ${file.name}: ${plural(counts.added, 'run')} added${counts.already ? `, ${counts.already} already here` : ''}.` });
  };
  const clear = async () => {
    const removed = await clearRuns();
    onCleared();
    say({ text: `Cleared ${plural(removed.length, 'run')} from the history.`, undo: removed });
  };
  return (
    <div className="actions history-actions">
      <button type="button" className="primary" disabled={!onCompare} onClick={() => onCompare?.()}>
        Compare{ticked ? ` (${ticked} of 2)` : ''}
      </button>
      <button type="button" onClick={() => void exportProject()} disabled={count === 0}>
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
      <button type="button" onClick={() => void clear()} disabled={count === 0}>
        Clear history
      </button>
    </div>
  );
}

/**
 * What the last action said, with its Undo. A delete or a clear takes away the button that had
 * focus (the row's Delete, the now disabled Clear history), so focus moves to Undo, the next thing
 * wanted; after Undo (which goes too) `onUndone` gives it a place.
 */
function HistoryNotice({ notice, say, onUndone }: { notice: Notice | null; say: (notice: Notice) => void; onUndone: () => void }) {
  const undoButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (notice?.undo?.length) undoButton.current?.focus();
  }, [notice]);
  const undo = async (back: readonly RunRecord[]) => {
    await restoreRuns(back);
    say({ text: `Put back ${plural(back.length, 'run')}.` });
    onUndone();
  };
  return (
    <p className="status history-notice" role="status">
      {notice?.text}
      {notice?.undo?.length ? (
        <>
          {' '}
          <button ref={undoButton} type="button" className="small-button" onClick={() => void undo(notice.undo!)}>
            Undo
          </button>
        </>
      ) : null}
    </p>
  );
}
