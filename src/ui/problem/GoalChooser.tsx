import { useId } from 'react';
import type { UnsupervisedTask } from '../../core/problem';
import { setNoTarget } from '../../state/actions';
import { useStudio } from '../useStudio';

/** The three things Sapling can learn from a table, as the person would put them. */
const GOALS: readonly { value: UnsupervisedTask | null; label: string; help: string }[] = [
  { value: null, label: 'Predict a column', help: 'Classification or regression: a model learns one column (the target) from the others.' },
  { value: 'clustering', label: 'No target — find groups (clustering)', help: 'Rows that resemble each other end up in the same group; no column is the answer.' },
  { value: 'projection', label: 'No target — reduce dimensions (PCA)', help: 'A few axes that keep most of the variation: see the data in 2-D, and how many dimensions it really has.' },
];

/** Whether to predict a target column or to learn without one (clustering, PCA). */
export function GoalChooser() {
  const noTarget = useStudio((s) => s.noTarget);
  const id = useId();
  return (
    <fieldset className="card goals">
      <legend>What to learn</legend>
      <div className="goal-choices">
        {GOALS.map((g) => {
          const checked = noTarget === g.value;
          return (
            <label key={g.label} className={checked ? 'goal checked' : 'goal'}>
              <span className="goal-title">
                <input type="radio" name={`${id}-goal`} checked={checked} onChange={() => setNoTarget(g.value)} aria-describedby={`${id}-${g.value}`} /> {g.label}
              </span>
              <span id={`${id}-${g.value}`} className="help">
                {g.help}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
