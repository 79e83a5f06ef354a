import { LOWER_IS_BETTER, METRIC_LABELS } from '../../core/evaluate/evaluate';
import type { TrainReport } from '../../core/train/report';
import { fmtMetric } from '../format';
import { MetricTerm } from '../glossary/MetricTerm';

/** The cross-validation of the run, when it had one: every metric's mean ± spread and its folds, and the main metric's folds drawn. */
export function CrossValidation({ report }: { report: TrainReport }) {
  const cv = report.metrics.cv;
  const validation = report.validation;
  if (!cv || !validation) return null;
  const keys = Object.keys(cv);
  const main = report.task === 'regression' ? 'r2' : 'accuracy';
  const how = validation.method.startsWith('grouped') ? `grouped by ${validation.group}` : validation.method.startsWith('stratified') ? 'stratified by class' : 'rows dealt at random';
  const holdout = validation.test_size !== undefined;
  const part = holdout ? 'Split' : 'Fold';
  return (
    <div className="card">
      <h3 id="cv-title">{holdout ? 'Repeated holdout' : 'Cross-validation'}</h3>
      <p className="help">
        {holdout ? (
          <>
            {validation.folds} random splits of the {report.split.train.toLocaleString('en')} training rows ({how}; {validation.fold_rows.join(', ')} rows held out). Each split was scored by a model trained on the rest, with the preparation fitted on it alone. The spread (±, the standard deviation over splits) says how much one test set’s score could move by chance.
          </>
        ) : (
          <>
            {validation.folds} folds of the {report.split.train.toLocaleString('en')} training rows ({how}; {validation.fold_rows.join(', ')} rows each). Each fold was scored by a model trained on the other folds, with the preparation fitted on them alone. The spread (±, the standard deviation over folds) says how much one test set’s score could move by chance.
          </>
        )}
      </p>
      <div className="cv-grid">
        <table aria-labelledby="cv-title" className="metrics cv-table">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Mean ± spread</th>
              {cv[keys[0]].folds.map((_, f) => (
                <th scope="col" key={f}>
                  {part} {f + 1}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k}>
                <th scope="row">
                  <MetricTerm metric={k} label={METRIC_LABELS[k]} />
                </th>
                <td>
                  {fmtMetric(cv[k].mean)} ± {fmtMetric(cv[k].std)}
                </td>
                {cv[k].folds.map((v, f) => (
                  <td key={f}>{fmtMetric(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {cv[main] ? <FoldStrip part={part.toLowerCase()} name={METRIC_LABELS[main] ?? main} folds={cv[main].folds} mean={cv[main].mean} test={report.metrics.test[main]} lowerIsBetter={LOWER_IS_BETTER.has(main)} /> : null}
      </div>
    </div>
  );
}

/** The folds' (or splits') scores as dots on one axis, with their mean and the test score for comparison. */
function FoldStrip({ part, name, folds, mean, test, lowerIsBetter }: { part: string; name: string; folds: readonly number[]; mean: number; test: number; lowerIsBetter: boolean }) {
  const values = [...folds, test];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const pad = Math.max((hi - lo) * 0.15, 0.005);
  lo -= pad;
  hi += pad;
  const width = 320;
  const x = (v: number) => 16 + ((v - lo) / (hi - lo)) * (width - 32);
  const label = `${name} of each ${part} (dots), their mean (line) and the test set (diamond): ${part}s from ${fmtMetric(Math.min(...folds))} to ${fmtMetric(Math.max(...folds))}, mean ${fmtMetric(mean)}, test ${fmtMetric(test)}`;
  return (
    <figure className="fold-strip">
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} 80`} width="100%">
        <line x1={16} x2={width - 16} y1={36} y2={36} className="axis" />
        <line x1={x(mean)} x2={x(mean)} y1={14} y2={62} className="mean" />
        {folds.map((v, f) => (
          <circle key={f} cx={x(v)} cy={36 + stackOffset(folds, f)} r={5} className="fold">
            <title>{`${part === 'split' ? 'Split' : 'Fold'} ${f + 1}: ${fmtMetric(v)}`}</title>
          </circle>
        ))}
        <path d={`M ${x(test)} 0 l 6 6 l -6 6 l -6 -6 Z`} className="test">
          <title>{`Test set: ${fmtMetric(test)}`}</title>
        </path>
        <text x={16} y={76} className="tick">
          {fmtMetric(lo + pad)}
        </text>
        <text x={width - 16} y={76} className="tick" textAnchor="end">
          {fmtMetric(hi - pad)}
        </text>
      </svg>
      <figcaption className="muted small">
        {name} per {part} (dots), their mean (dashed line), and the test set (◆, above){lowerIsBetter ? '; lower is better' : ''}.
      </figcaption>
    </figure>
  );
}

/** Folds with the same score (as shown) stack above and below the axis instead of hiding each other. */
function stackOffset(folds: readonly number[], f: number): number {
  const shown = fmtMetric(folds[f]);
  const before = folds.slice(0, f).filter((v) => fmtMetric(v) === shown).length;
  return before === 0 ? 0 : (before % 2 === 1 ? -1 : 1) * 11 * Math.ceil(before / 2);
}
