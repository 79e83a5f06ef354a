import { useState } from 'react';
import { featureSources } from '../../core/prep/recipePreview';
import { errorMessage } from '../../core/util/errors';
import { preparedDataCsv } from '../../state/recipeActions';
import { clearErrors, showError } from '../../state/actions';
import { ActionError } from '../components/ActionError';
import { RowsTable } from '../components/RowsTable';
import { downloadBlob } from '../download';
import { useStudio } from '../useStudio';

/** Features listed by name and lineage before "… and N more". */
const LISTED = 40;
/** Columns of the preview table, at most (a TF-IDF step can make hundreds). */
const TABLE_COLUMNS = 24;

/**
 * What the recipe gives the model, from its fit on a sample of the training rows: the columns with
 * the original columns each comes from ("14 columns from 9"), the first rows after the recipe, the
 * error that stops it, and the prepared data set to download.
 */
export function RecipeResult() {
  const state = useStudio((s) => s.preparePreview);
  const name = useStudio((s) => s.dataset.result?.name ?? 'data.csv');
  const [busy, setBusy] = useState(false);
  const preview = state?.result;
  const features = preview?.features ?? null;
  const sources = new Set(features?.flatMap((f) => featureSources(f)) ?? []);
  const recipeError = preview?.error && preview.error.step === null ? preview.error.message : null;
  const download = async () => {
    clearErrors('prepare:download');
    setBusy(true);
    try {
      const { csv } = await preparedDataCsv();
      downloadBlob(name.replace(/\.[^.]*$/, '') + '-prepared.csv', csv);
    } catch (e) {
      showError(`Could not prepare the data set: ${errorMessage(e)}`, 'prepare:download');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card recipe-result" aria-busy={state?.running ?? false}>
      <h3>What the model sees</h3>
      {!preview ? (
        <p className="muted">{state?.error ? `The recipe could not be tried: ${state.error}` : 'Trying the recipe on a sample of the training rows…'}</p>
      ) : (
        <>
          <p className="result-count" aria-live="polite">
            {features ? (
              <>
                <strong>
                  {features.length} column{features.length === 1 ? '' : 's'} from {sources.size}
                </strong>{' '}
                <span className="muted small">
                  (of {preview.inputColumns} feature column{preview.inputColumns === 1 ? '' : 's'} in the data; fitted on {preview.sampleRows === preview.trainingRows ? `the ${preview.trainingRows.toLocaleString('en-US')}` : `a sample of ${preview.sampleRows.toLocaleString('en-US')} of the ${preview.trainingRows.toLocaleString('en-US')}`} training rows{state?.running ? '; updating…' : ''})
                </span>
              </>
            ) : (
              <strong>{preview.error && preview.error.step !== null ? 'The recipe stops at a step above: its error is shown beside it.' : 'The recipe does not give the model columns it can read.'}</strong>
            )}
          </p>
          {recipeError ? (
            <p className="step-error">
              <span className="alert-icon" aria-hidden>
                !
              </span>{' '}
              {recipeError}
            </p>
          ) : null}
          {features ? (
            <ul className="lineage-list" aria-label="Columns the model sees">
              {features.slice(0, LISTED).map((f) => {
                const from = featureSources(f);
                const same = from.length === 1 && from[0] === f.name;
                return (
                  <li key={f.name}>
                    <span className="col-name">{f.name}</span>
                    {same ? null : <span className="muted small"> ← {from.join(', ')}</span>}
                  </li>
                );
              })}
              {features.length > LISTED ? <li className="muted small">… and {features.length - LISTED} more</li> : null}
            </ul>
          ) : null}
          {preview.table.columns.length ? (
            <>
              <h4>First rows after the recipe{preview.table.columns.length > TABLE_COLUMNS ? ` (first ${TABLE_COLUMNS} of ${preview.table.columns.length} columns)` : ''}</h4>
              <RowsTable scrollable label="Prepared rows" columns={preview.table.columns.slice(0, TABLE_COLUMNS)} rows={preview.table.rows.map((r) => r.slice(0, TABLE_COLUMNS))} />
            </>
          ) : null}
        </>
      )}
      <div className="result-actions">
        <button type="button" className="secondary" disabled={busy || !features} aria-describedby="prepared-help" onClick={() => void download()}>
          {busy ? 'Preparing…' : 'Download prepared data (CSV)'}
        </button>
        <p id="prepared-help" className="help">
          The recipe fitted on the training rows and applied to every row, as at prediction time: the columns above by name, then the target.
        </p>
        <ActionError origin="prepare:download" />
      </div>
    </div>
  );
}
