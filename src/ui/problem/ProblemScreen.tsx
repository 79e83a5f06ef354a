import { type Task } from '../../core/problem';
import { setTarget, setTask } from '../../state/actions';
import { BarsChart } from '../charts/BarsChart';
import { NextStep } from '../components/Stepper';
import { fmt, TASK_LABELS } from '../format';
import { useStudio } from '../useStudio';
import { Warnings } from '../data/Warnings';
import { FeatureRelations } from './FeatureRelations';
import { GoalChooser } from './GoalChooser';
import { NoTargetCard } from './NoTargetCard';

/** Step 2: what to predict (and whether it is classification or regression), or to learn without a target. */
export function ProblemScreen() {
  const profile = useStudio((s) => s.dataset.result?.profile);
  const summary = useStudio((s) => s.targetSummary);
  const noTarget = useStudio((s) => s.noTarget);
  if (!profile) return null;
  return (
    <section aria-labelledby="problem-title">
      <h2 id="problem-title">Problem</h2>
      <GoalChooser />
      <NoTargetCard />
      {noTarget ? null : <TargetChooser />}
      <NextStep to="prepare" disabled={!noTarget && (!summary || Boolean(summary.error))} />
    </section>
  );
}

/** The target column and its task, then what the target looks like and how the features relate to it. */
function TargetChooser() {
  const profile = useStudio((s) => s.dataset.result?.profile);
  const target = useStudio((s) => s.target);
  const taskOverride = useStudio((s) => s.taskOverride);
  const summary = useStudio((s) => s.targetSummary);
  if (!profile) return null;
  const column = profile.columns.find((c) => c.name === target);
  return (
    <>
      <div className="card form-row">
        <div className="field">
          <label htmlFor="target">Target</label>
          <select id="target" value={target ?? ''} onChange={(e) => void setTarget(e.target.value)}>
            <option value="" disabled>
              Choose the column to predict…
            </option>
            {profile.columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.type})
              </option>
            ))}
          </select>
          <p className="help">The column the model learns to predict from the others.</p>
        </div>
        <div className="field">
          <label htmlFor="task">Task</label>
          <select id="task" value={taskOverride ?? ''} disabled={!target} onChange={(e) => void setTask((e.target.value || null) as Task | null)}>
            <option value="">Automatic{summary ? ` (${TASK_LABELS[summary.inferred]})` : ''}</option>
            <option value="binary">{TASK_LABELS.binary}</option>
            <option value="multiclass">{TASK_LABELS.multiclass}</option>
            <option value="regression">{TASK_LABELS.regression}</option>
          </select>
          <p className="help">Sapling infers the task from the target; override it if a number is really a label.</p>
        </div>
      </div>
      {summary?.error ? (
        <div role="alert" className="alert">
          <span className="alert-icon" aria-hidden>!</span>
          <span className="alert-text">This target cannot be trained on: {summary.error}</span>
        </div>
      ) : null}
      {summary && column ? (
        <div className="card">
          <h3>
            {TASK_LABELS[summary.task]} of “{column.name}”
          </h3>
          {summary.classes ? (
            <BarsChart label={`Rows per class of ${column.name}`} data={summary.classes.map((c) => ({ name: c.value, value: c.count }))} />
          ) : column.histogram ? (
            <BarsChart label={`Distribution of ${column.name}`} data={column.histogram.counts.map((count, i) => ({ name: fmt(column.histogram!.edges[i]), value: count }))} />
          ) : null}
          {column.missing ? <p className="muted">{column.missing} rows have no value for the target; they will be left out of training.</p> : null}
        </div>
      ) : null}
      {summary && !summary.error ? <Warnings warnings={summary.warnings} title="About this target" /> : null}
      {summary && !summary.error && target ? <FeatureRelations relations={summary.relations} target={target} /> : null}
    </>
  );
}
