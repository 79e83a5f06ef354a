import { METRIC_LABELS } from '../../core/evaluate/evaluate';
import { modelName } from '../../core/project/compare';
import { FOUND_LABELS, type RunRecord, keyMetric } from '../../core/project/runRecord';
import { fmtMetric } from '../format';

/** How runs are named in the history: their time, model, figures. */

/** The run's start as a short local date and time ("26 Nov, 10:32:05"). */
export function runTime(run: RunRecord): string {
  return new Date(run.startedAt).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** The model as a person reads it: "Decision tree", or "Auto → Gradient boosting". */
export function runModel(run: RunRecord): string {
  const asked = modelName(run.model.id);
  if (run.result && run.result.model !== run.model.id) return `${asked} → ${modelName(run.result.model)}`;
  return run.kind === 'tune' ? `${asked}, tuned` : asked;
}

/** A run in one phrase, for accessible names: "Decision tree run of 26 Nov, 10:32:05". */
export function runName(run: RunRecord): string {
  return `${runModel(run)} run of ${runTime(run)}`;
}

/** A figure's name: a metric's, or what a model without a target found. */
export function figureLabel(key: string): string {
  return METRIC_LABELS[key] ?? FOUND_LABELS[key] ?? key;
}

/** The run's headline figure and its cross-validated mean ± std, as text. */
export function runScore(run: RunRecord): { label: string; value: string; cv: string } {
  const { key, value, cv } = keyMetric(run);
  return { label: figureLabel(key), value: fmtMetric(value), cv: cv ? `${fmtMetric(cv.mean)} ± ${fmtMetric(cv.std)}` : '—' };
}

/** A duration: milliseconds under a second, seconds to a tenth under a minute. */
export function runDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
