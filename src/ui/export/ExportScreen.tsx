import { METRIC_LABELS } from '../../core/evaluate/evaluate';
import { useState } from 'react';
import { getModelInfo, labelInSentence } from '../../core/models/info';
import { formatBytes } from '../../core/util/bytes';
import { exportModelFile, exportTfjsPair, importModel, showError } from '../../state/actions';
import { ActionError } from '../components/ActionError';
import { FilePicker } from '../components/FilePicker';
import { downloadBlob } from '../download';
import { fmtMetric } from '../format';
import { useStudio } from '../useStudio';
import type { ModelSummary } from '../../workers/protocol';
import { ExportHelp } from './ExportHelp';
import { DeploySection } from './DeploySection';
import { PredictPanel } from './PredictPanel';
import { OutOfDate } from '../components/OutOfDate';
import { NextStep } from '../components/Stepper';
import { trainedOnText } from '../components/originText';

/** Step 6: take the model away (Sapling file or TF.js pair), bring one back, and predict new rows. */
export function ExportScreen() {
  const current = useStudio((s) => s.current);
  const training = useStudio((s) => s.training.state === 'running');
  const base = current ? `sapling-${slug(current.problem.target ?? current.problem.task)}-${current.model}` : 'sapling-model';
  // What was last saved, said in a polite live region; a new model starts with nothing said.
  const [saved, setSaved] = useState<{ for: typeof current; text: string } | null>(null);
  const noTfjs = current !== null && !current.hasNetwork;
  const exportModel = async () => {
    try {
      const file = await exportModelFile();
      downloadBlob(`${base}.json`, file);
      setSaved({ for: current, text: `Saved ${base}.json (${formatBytes(file.size)}) to the browser’s downloads.` });
    } catch (e) {
      showError(e, 'export:model');
    }
  };
  const exportTfjs = async () => {
    try {
      const pair = await exportTfjsPair();
      downloadBlob('model.json', new Blob([pair.modelJson], { type: 'application/json' }));
      downloadBlob('weights.bin', new Blob([pair.weights.slice().buffer], { type: 'application/octet-stream' }));
      setSaved({ for: current, text: `Saved model.json (${formatBytes(new Blob([pair.modelJson]).size)}) and weights.bin (${formatBytes(pair.weights.byteLength)}) to the browser’s downloads.` });
    } catch (e) {
      showError(e, 'export:tfjs');
    }
  };
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      {current ? <OutOfDate model={current} /> : null}
      <div className="grid-2">
        <div className="card">
          <h3>Current model</h3>
          {current ? (
            <>
              <p>
                <strong>{getModelInfo(current.model).label}</strong> {describe(current)}
              </p>
              <p className="trained-on">{trainedOnText(current)}.</p>
            </>
          ) : (
            <p className="muted">No model yet: train one, or import a Sapling model file.</p>
          )}
          <div className="actions">
            <button type="button" className="primary" onClick={() => void exportModel()} disabled={!current || training}>
              Export model
            </button>
            <button type="button" onClick={() => void exportTfjs()} disabled={!current?.hasNetwork || training} aria-describedby={noTfjs ? 'tfjs-reason' : undefined}>
              Download TF.js model
            </button>
          </div>
          {noTfjs ? (
            <p id="tfjs-reason" className="help">
              Only neural networks and linear models export to TF.js; for the {labelInSentence(current.model)}, use Export model.
            </p>
          ) : null}
          <p role="status" className="saved-note">
            {saved && saved.for === current ? saved.text : ''}
          </p>
          <ActionError origin="export:model" />
          <ActionError origin="export:tfjs" />
          <ExportHelp current={current} />
        </div>
        <div className="card">
          <h3>Import a model</h3>
          <FilePicker label="Import model" accept=".json,application/json" hint="A Sapling model file exported earlier. It replaces the current model." onFile={(f) => void importModel(f)} disabled={training} />
          <ActionError origin="export:import" />
        </div>
      </div>
      <PredictPanel />
      <DeploySection name={base} />
      <NextStep to="monitor" disabled={!current} />
    </section>
  );
}

/** What the model does and how well, in a phrase. */
function describe(current: ModelSummary): string {
  if (current.kind === 'supervised') {
    const key = Object.keys(current.report.metrics.test)[0];
    return `predicting “${current.problem.target}” · ${METRIC_LABELS[key]} ${fmtMetric(current.report.metrics.test[key])} on test rows`;
  }
  const { summary } = current.report;
  const silhouette = (s: number | null) => (s === null ? '' : `, silhouette ${s.toFixed(3)}`);
  switch (summary.kind) {
    case 'kmeans':
      return `· ${summary.k} clusters${silhouette(summary.silhouette)}`;
    case 'dbscan':
      return `· ${summary.clusters} clusters and ${summary.noise} noise rows${silhouette(summary.silhouette)}`;
    case 'pca':
      return `· ${summary.components} components explaining ${((summary.cumulative_variance_ratio[summary.components - 1] ?? 0) * 100).toFixed(1)}% of the variance`;
  }
}

function slug(s: string): string {
  return s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase() || 'target';
}
