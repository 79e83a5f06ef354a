import { getModelInfo } from '../../core/models/info';
import { historyLabels, keptStep } from '../charts/historyLabels';
import { LossChart } from '../charts/LossChart';
import { PredictedVsActual, ResidualPlot } from '../charts/RegressionCharts';
import { RocChart } from '../charts/RocChart';
import { NextStep } from '../components/Stepper';
import { fmtMetric, TASK_LABELS } from '../format';
import { useStudio } from '../useStudio';
import { ConfusionMatrix } from './ConfusionMatrix';
import { ImportanceChart } from './ImportanceChart';
import { MetricsTables } from './MetricsTables';
import { CrossValidation } from './CrossValidation';
import { AutoLeaderboard } from './AutoLeaderboard';
import { TuningCard } from '../tune/TuningCard';
import { ThresholdCard } from './ThresholdCard';
import { PermutationCard } from './PermutationCard';
import { SizeCurveCard } from './SizeCurveCard';
import { DependenceCard } from './DependenceCard';
import { ValidationCurveCard } from './ValidationCurveCard';
import { TreeCard } from './tree/TreeCard';
import { UnsupervisedEvaluation } from './unsupervised/UnsupervisedEvaluation';
import type { SupervisedModelSummary } from '../../workers/protocol';
import type { ReactNode } from 'react';
import { OutOfDate } from '../components/OutOfDate';
import { Staggered } from '../components/Staggered';

/** Step 5: how good the model is on rows it never saw, and where it goes wrong; or what a model without a target found. */
export function EvaluateScreen() {
  const current = useStudio((s) => s.current);
  if (!current) return null;
  // Said under the heading when the settings changed since the model was trained.
  const notice = <OutOfDate model={current} />;
  return current.kind === 'unsupervised' ? <UnsupervisedEvaluation current={current} notice={notice} /> : <SupervisedEvaluation current={current} notice={notice} />;
}

function SupervisedEvaluation({ current, notice }: { current: SupervisedModelSummary; notice: ReactNode }) {
  const { report } = current;
  const ev = report.evaluation;
  // The charts and the tree are drawn one per task after the rest (see Staggered): recharts mounting
  // them all at once held the main thread 150–300 ms when a training finished with this screen open.
  const key = modelKey(current);
  return (
    <section aria-labelledby="evaluate-title">
      <h2 id="evaluate-title">Evaluate</h2>
      {notice}
      <p className="lede">
        {getModelInfo(report.model).label} predicting “{report.target}” ({TASK_LABELS[report.task].toLowerCase()}) from {report.features} features; trained on {report.split.train.toLocaleString('en')} rows, tested on{' '}
        {report.split.test.toLocaleString('en')}. {current.source === 'imported' ? `Imported from ${current.name}.` : `${report.backend === 'none' ? 'Trained and tested' : `Backend ${report.backend}`} in ${seconds(report.timings_ms.total / 1000)}.`}
      </p>
      <MetricsTables report={report} />
      <AutoLeaderboard report={report} />
      <TuningCard report={report} />
      <CrossValidation report={report} />
      {ev.kind === 'classification' ? (
        <>
          <div className="grid-2">
            <div className="card">
              <h3>Confusion matrix</h3>
              <ConfusionMatrix classes={ev.classes} matrix={ev.confusion} />
            </div>
            <div className="card">
              <h3>ROC curve</h3>
              <Staggered order={0} when={key} height={ROC_HEIGHT}>
                <RocChart curves={ev.roc} />
              </Staggered>
            </div>
          </div>
          {ev.binary ? (
            <Staggered order={1} when={key} height={THRESHOLD_HEIGHT} className="card">
              <ThresholdCard key={key} details={ev} saved={current.threshold} />
            </Staggered>
          ) : null}
          <div className="card">
            <h3 id="per-class-title">Per class</h3>
            <table aria-labelledby="per-class-title" className="metrics">
              <thead>
                <tr>
                  <th scope="col">Class</th>
                  <th scope="col">Precision</th>
                  <th scope="col">Recall</th>
                  <th scope="col">F1</th>
                  <th scope="col">Test rows</th>
                </tr>
              </thead>
              <tbody>
                {ev.perClass.map((c) => (
                  <tr key={c.label}>
                    <th scope="row">{c.label}</th>
                    <td>{fmtMetric(c.precision)}</td>
                    <td>{fmtMetric(c.recall)}</td>
                    <td>{fmtMetric(c.f1)}</td>
                    <td>{c.support}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <div className="grid-2">
          <div className="card">
            <h3>Predicted vs actual</h3>
            <Staggered order={0} when={key} height={SCATTER_HEIGHT}>
              <PredictedVsActual actual={ev.actual} predicted={ev.predicted} />
            </Staggered>
          </div>
          <div className="card">
            <h3>Residuals</h3>
            <Staggered order={1} when={key} height={SCATTER_HEIGHT}>
              <ResidualPlot actual={ev.actual} predicted={ev.predicted} />
            </Staggered>
          </div>
        </div>
      )}
      <InsideTheModel current={current} />
      <div className="grid-2 curves">
        <SizeCurveCard key={`curve-${key}`} />
        <ValidationCurveCard key={`validation-curve-${key}`} model={report.model} task={report.task} />
      </div>
      <PermutationCard key={`permutation-${key}`} />
      <DependenceCard key={`dependence-${key}`} current={current} />
      <Staggered order={2} when={key} height={0}>
        <TreeCard />
      </Staggered>
      <NextStep to="export" />
    </section>
  );
}

/** What the model relies on and how training went, side by side when both exist. */
function InsideTheModel({ current }: { current: SupervisedModelSummary }) {
  const { report, importance } = current;
  const labels = historyLabels(report.model, report.history);
  const curve = report.history.length > 1;
  if (!importance && !curve) return null;
  return (
    <div className="grid-2">
      {importance ? <ImportanceChart importance={importance} model={report.model} /> : null}
      {curve ? (
        <div className="card">
          <h3>Loss during training, per {labels.unit}</h3>
          <p className="help">{report.stop_reason.replace(/^./, (c) => c.toUpperCase())}.</p>
          <LossChart history={report.history} metricName={report.task === 'regression' ? 'R²' : 'accuracy'} labels={labels} kept={keptStep(report.model, report.history)} />
        </div>
      ) : null}
    </div>
  );
}

/** Heights (px) of the staggered parts, held by their boxes until they are drawn so nothing below jumps. */
const ROC_HEIGHT = 360;
const SCATTER_HEIGHT = 340;
const THRESHOLD_HEIGHT = 700;

/** A duration for reading: 0.54 s, 3.2 s, 41 s. */
function seconds(s: number): string {
  return `${s < 1 ? s.toFixed(2) : s < 10 ? s.toFixed(1) : Math.round(s)} s`;
}

/** Identifies the current model, so the cards that keep state (threshold, measurements) start afresh for a new one. */
function modelKey(current: SupervisedModelSummary): string {
  return `${current.source}:${current.name}:${current.report.data_fingerprint}:${current.report.timings_ms.total}`;
}
