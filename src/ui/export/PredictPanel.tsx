import { useMemo, useState } from 'react';
import type { Explanation } from '../../core/explain/contributions';
import { predictFile, predictionsCsvFile } from '../../state/actions';
import { explainPrediction } from '../../state/modelReading';
import { ActionError } from '../components/ActionError';
import { FilePicker } from '../components/FilePicker';
import { ProgressBar } from '../components/ProgressBar';
import { RowsTable } from '../components/RowsTable';
import { downloadBlob } from '../download';
import { useStudio } from '../useStudio';
import { answerFirst } from './answerFirst';
import { WhyCard } from './WhyCard';

type Why = Explanation & { readonly row: number; readonly against: string };

/** Predict new rows with the current model: upload, see the first rows, download all as CSV. */
export function PredictPanel() {
  const current = useStudio((s) => s.current);
  const prediction = useStudio((s) => s.prediction);
  const result = prediction.result;
  const supervised = current?.kind !== 'unsupervised';
  // The answer first: the table leads with the predictions; the download keeps the CLI's order.
  const shown = useMemo(() => (result ? answerFirst(result.columns, result.preview, result.added) : null), [result]);
  // The explained row, keyed by the predictions it belongs to (a new file or model starts afresh).
  const [why, setWhy] = useState<{ for: typeof result; row: number; result: Why | null } | null>(null);
  const shownWhy = why && why.for === result ? why : null;
  const ask = (row: number) => {
    setWhy({ for: result, row, result: null });
    // A failure is shown as an error by the action; the panel then goes back to no explanation.
    void explainPrediction(row).then((r) => setWhy((w) => (w && w.for === result && w.row === row ? (r ? { ...w, result: r } : null) : w)));
  };
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
      <ActionError origin="export:predict" />
      {prediction.state === 'running' ? <ProgressBar label="Predicting" detail={prediction.progress?.stage} /> : null}
      {result && shown ? (
        <>
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                const csv = predictionsCsvFile();
                if (csv) downloadBlob('predictions.csv', csv);
              }}
            >
              Download predictions
            </button>
            <span className="muted">
              {result.rows.toLocaleString('en-US')} rows predicted{result.rows > result.preview.length ? `; the first ${result.preview.length} are shown` : ''}.
            </span>
          </div>
          {supervised ? <p className="muted small">“Why?” shows how each column of a row pushed its prediction.</p> : null}
          <RowsTable
            label="Predictions"
            columns={shown.columns}
            rows={shown.rows}
            highlight={shown.answers}
            action={supervised ? { text: 'Why?', name: (i) => `Why row ${i + 1}?`, onClick: ask, active: shownWhy?.row ?? null } : undefined}
          />
          <ActionError origin="export:why" />
          {shownWhy && !shownWhy.result ? <ProgressBar label={`Explaining row ${shownWhy.row + 1}`} /> : null}
          {shownWhy?.result ? <WhyCard result={shownWhy.result} values={new Map(result.columns.map((c, j) => [c, result.preview[shownWhy.row][j]]))} /> : null}
        </>
      ) : null}
    </div>
  );
}
