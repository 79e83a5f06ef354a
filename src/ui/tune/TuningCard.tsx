import { getModelInfo } from '../../core/models/info';
import type { TrainReport } from '../../core/train/report';
import { fmt, fmtMetric } from '../format';
import { TrialTable } from './TrialTable';

/** Evaluate's account of how the model's settings were tuned, when they were: the search, its stop, the best, every trial. */
export function TuningCard({ report }: { report: TrainReport }) {
  const tuning = report.tuning;
  if (!tuning) return null;
  const { best } = tuning;
  const settings = Object.entries(best.params);
  const schema = getModelInfo(report.model).schema;
  return (
    <div className="card">
      <h3>How the settings were tuned</h3>
      <p className="help">
        {tuning.strategy === 'halving' ? 'Successive halving' : tuning.strategy === 'grid' ? 'Grid search' : 'Random search'} over {tuning.space.map((d) => schema[d.name]?.label ?? d.name).join(', ')}, each candidate scored by {tuning.folds}-fold cross-validation on the training rows ({tuning.stop_reason}
        {tuning.budget_s !== undefined ? `, budget ${fmt(tuning.budget_s)} s` : ''}). Best: {settings.length ? settings.map(([k, v]) => `${schema[k]?.label ?? k} = ${typeof v === 'number' ? fmt(v) : String(v)}`).join(', ') : 'the settings it started from'}, {fmtMetric(best.score)} ± {fmtMetric(best.std)}; this model was trained with them on all the training rows and tested once.
      </p>
      <TrialTable trials={tuning.trials} metric={tuning.metric} schema={schema} best={best} />
    </div>
  );
}
