import { useEffect } from 'react';
import { isClassification, isUnsupervised } from '../../core/problem';
import { setSeed, setValidation, updateRecipe } from '../../state/actions';
import { schedulePreview } from '../../state/recipeActions';
import { NextStep } from '../components/Stepper';
import { taskOf } from '../../state/store';
import { useStudio } from '../useStudio';
import { ColumnChooser } from './ColumnChooser';
import { RecipeResult } from './RecipeResult';
import { StepList } from './StepList';

/** Step 3: which columns to use, how to clean and transform them, and how to split the rows. */
export function PrepareScreen() {
  const recipe = useStudio((s) => s.recipe);
  const task = useStudio(taskOf);
  const seed = useStudio((s) => s.seed);
  const validation = useStudio((s) => s.validation);
  const holdout = validation.method === 'holdout';
  const target = useStudio((s) => s.target);
  const profile = useStudio((s) => s.dataset.result?.profile);
  // The recipe is tried on a sample of the training rows whenever it (or what it is fitted for) changes.
  useEffect(() => {
    if (recipe && task) schedulePreview();
  }, [recipe, task, target, seed, profile]);
  if (!recipe || !task) return null;
  const columns = (profile?.columns ?? []).map((c) => c.name).filter((c) => c !== target);
  const noTarget = isUnsupervised(task);
  // Groups the folds can deal (a missing value is a group of its own); fewer than the folds cannot be split.
  const groupColumn = validation.group ? profile?.columns.find((c) => c.name === validation.group) : undefined;
  const groups = groupColumn ? groupColumn.unique + groupColumn.missing : Infinity;
  const tooFewGroups = !holdout && groups < validation.folds ? groups : 0;
  return (
    <section aria-labelledby="prepare-title">
      <h2 id="prepare-title">Prepare</h2>
      <ColumnChooser />
      <div className="card">
        <h3>Recipe</h3>
        <p className="muted">
          {noTarget
            ? 'The steps run in this order on the columns chosen above, fitted on every row (with no target there is nothing to test against, so no rows are held back), then applied unchanged to new data at prediction time. Distances drive clustering and PCA, so keep the numbers scaled.'
            : 'The steps run in this order on the columns chosen above, fitted on the training rows only, then applied unchanged to test rows and to new data at prediction time. A step can be used more than once.'}
        </p>
        <StepList />
      </div>
      <RecipeResult />
      <div className="card form-row">
        {noTarget ? null : (
          <div className="field">
            <label htmlFor="test-size">Test set (% of rows)</label>
            <input
              id="test-size"
              type="number"
              min={5}
              max={50}
              step={1}
              value={Math.round(recipe.testSize * 100)}
              onChange={(e) => Number.isFinite(e.target.valueAsNumber) && updateRecipe({ testSize: Math.min(50, Math.max(5, e.target.valueAsNumber)) / 100 })}
            />
            <p className="help">Rows held back to measure the model honestly; it never sees them in training.</p>
          </div>
        )}
        {isClassification(task) ? (
          <div className="field field-check">
            <label htmlFor="stratify">Stratify by class</label>
            <input id="stratify" type="checkbox" checked={recipe.stratify} onChange={(e) => updateRecipe({ stratify: e.target.checked })} />
            <p className="help">Keeps each class’s share the same in the training and test sets.</p>
          </div>
        ) : null}
        <div className="field field-check">
          <label htmlFor="dedupe">Drop duplicate rows</label>
          <input id="dedupe" type="checkbox" checked={recipe.dropDuplicateRows} onChange={(e) => updateRecipe({ dropDuplicateRows: e.target.checked })} />
          <p className="help">
            {noTarget
              ? 'Identical rows count several times in the groups and the variance; dropping them keeps one of each.'
              : 'Identical rows can land in both sets and flatter the test score. Rows without a target are always left out.'}
          </p>
        </div>
        {noTarget ? null : (
          <div className="field">
            <label htmlFor="cv-folds">{holdout ? 'Holdout repeats' : 'Cross-validation folds'}</label>
            <input
              id="cv-folds"
              type="number"
              min={0}
              max={20}
              step={1}
              value={validation.folds}
              onChange={(e) => Number.isInteger(e.target.valueAsNumber) && setValidation({ folds: Math.min(20, Math.max(0, e.target.valueAsNumber === 1 ? 2 : e.target.valueAsNumber)) })}
            />
            <p className="help">
              {holdout
                ? `0 = none. With R, the training rows are split R times at random, ${Math.round(recipe.testSize * 100)}% held out each time (the test share above), and the model is trained R more times: Evaluate shows every metric’s mean and spread. Takes R times longer.`
                : '0 = none. With K, the training rows are cut in K folds and the model is trained K more times, each time scored on the fold it did not see: Evaluate shows every metric’s mean and spread, a steadier measure than one test set. Takes K times longer.'}
            </p>
          </div>
        )}
        {noTarget || validation.folds < 2 ? null : (
          <div className="field">
            <label htmlFor="cv-method">Validation by</label>
            <select id="cv-method" value={validation.method} onChange={(e) => setValidation({ method: e.target.value === 'holdout' ? 'holdout' : 'k-fold' })}>
              <option value="k-fold">k folds</option>
              <option value="holdout">Repeated holdout</option>
            </select>
            <p className="help">Folds use every row once and suit most data. Repeated holdout keeps the test share you chose and can repeat as often as you like, but some rows are scored several times and some never.</p>
          </div>
        )}
        {noTarget || validation.folds < 2 ? null : (
          <div className="field">
            <label htmlFor="cv-group">Keep rows together by</label>
            <select id="cv-group" value={validation.group ?? ''} onChange={(e) => setValidation({ group: e.target.value || null })}>
              <option value="">(no column: rows are independent)</option>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <p className="help">Rows sharing a value here (one patient’s visits, one household’s members) stay on one side of every split, so the scores say how the model does on groups it has never seen.</p>
            {tooFewGroups ? (
              <p className="note-warn small" role="alert">
                {validation.group} has {tooFewGroups} group{tooFewGroups === 1 ? '' : 's'}; {validation.folds}-fold cross-validation needs at least {validation.folds}. Choose {tooFewGroups >= 2 ? `${tooFewGroups} folds or fewer, ` : ''}repeated holdout, or another column.
              </p>
            ) : null}
          </div>
        )}
        <div className="field">
          <label htmlFor="seed">Random seed</label>
          <input id="seed" type="number" step={1} value={seed} onChange={(e) => Number.isInteger(e.target.valueAsNumber) && setSeed(e.target.valueAsNumber)} />
          <p className="help">{noTarget ? 'The same seed, data and settings give the same model (k-means starts, samples).' : 'The same seed, data and settings give the same split and the same model.'}</p>
        </div>
      </div>
      <NextStep to="train" />
    </section>
  );
}
