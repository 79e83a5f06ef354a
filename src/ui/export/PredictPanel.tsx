import { predictFile, predictionsCsvText } from '../../state/actions';
import { FilePicker } from '../components/FilePicker';
import { ProgressBar } from '../components/ProgressBar';
import { RowsTable } from '../components/RowsTable';
import { downloadBlob } from '../download';
import { useStudio } from '../useStudio';

/** Predict new rows with the current model: upload, see the first rows, download all as CSV. */
export function PredictPanel() {
  const current = useStudio((s) => s.current);
  const prediction = useStudio((s) => s.prediction);
  const result = prediction.result;
  const supervised = current?.kind !== 'unsupervised';
  const predicted = result ? result.columns.slice(result.columns.length - result.added) : [];
  return (
    <div className="card">
      <h3>Predict new data</h3>
      <FilePicker
        label="Data to predict"
        accept=".csv,.tsv,.txt,text/csv"
        hint={
          current
            ? `A CSV with the columns the model uses: ${current.inputSchema.map((c) => c.name).join(', ')}. ${supervised ? 'The target column may be absent.' : current.problem.task === 'clustering' ? 'Each row gets a cluster (−1 = noise).' : 'Each row gets its coordinates on the kept components (pc1, pc2, …).'}`
            : 'Train or import a model first.'
        }
        onFile={(f) => void predictFile(f)}
        disabled={!current || prediction.state === 'running'}
      />
      {prediction.state === 'running' ? <ProgressBar label="Predicting" detail={prediction.progress?.stage} /> : null}
      {result ? (
        <>
          <div className="actions">
            <button type="button" className="primary" onClick={() => downloadBlob('predictions.csv', new Blob([predictionsCsvText()], { type: 'text/csv' }))}>
              Download predictions
            </button>
            <span className="muted">
              {result.rows.toLocaleString('en-US')} rows predicted{result.rows > result.preview.length ? `; the first ${result.preview.length} are shown` : ''}.
            </span>
          </div>
          <RowsTable label="Predictions" columns={result.columns} rows={result.preview} highlight={predicted} />
        </>
      ) : null}
    </div>
  );
}
