import type { StudioState } from '../../state/store';
import type { Bound, ParamBound, Wait } from './types';

/** True when `value` is a number within `bound`. */
function within(value: unknown, bound: Bound): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  return (bound.atLeast === undefined || value >= bound.atLeast) && (bound.atMost === undefined || value <= bound.atMost);
}

/** A setting's value in `params`, or the bound's `missing` (the schema default the form and the report leave out). */
function paramOf(params: Readonly<Record<string, unknown>>, bound: ParamBound): unknown {
  return params[bound.key] ?? bound.missing;
}

/**
 * True when studio state `s` satisfies `wait`. Waits on the page (`click`, `shown`, `chosen`) are not state:
 * they are false here and the panel watches the page for them.
 */
export function stateMet(wait: Wait, s: StudioState): boolean {
  switch (wait.kind) {
    case 'read':
      return true;
    case 'screen':
      return s.step === wait.step;
    case 'data':
      return s.dataset.state === 'succeeded' && s.dataset.result?.name === wait.file;
    case 'target':
      return s.noTarget === null && s.target === wait.column && s.targetSummary !== null && !s.targetSummary.error;
    case 'noTarget':
      return s.noTarget === wait.task;
    case 'model':
      return s.modelId === wait.model && (!wait.param || within(paramOf(s.modelParams, wait.param), wait.param));
    case 'trained': {
      const current = s.current;
      if (!current || current.origin.source !== 'trained' || s.training.state === 'running') return false;
      if (wait.model !== undefined && current.report.model !== wait.model) return false;
      return !wait.param || within(paramOf(current.report.params, wait.param), wait.param);
    }
    case 'reading': {
      const reading = s.readings[wait.key];
      return reading !== undefined && !reading.running && reading.result !== null;
    }
    case 'predicted':
      return s.prediction.state === 'succeeded' && s.prediction.result !== undefined;
    case 'monitored':
      return s.monitor.state === 'succeeded' && s.monitor.result !== undefined && s.monitor.result.model === s.current;
    case 'retrained':
      return s.retrain.state === 'succeeded' && s.retrain.result !== undefined;
    case 'click':
    case 'shown':
    case 'chosen':
      return false;
  }
}

/**
 * True for waits whose outcome stays in the studio (data read, a target, a trained model): a lesson
 * resumed later must find them still true, or go back to the step that makes them. Where the studio
 * is (a screen), what was read or clicked, and measurements (dropped with a new model) do not last.
 */
export function lasting(wait: Wait): boolean {
  return wait.kind === 'data' || wait.kind === 'target' || wait.kind === 'noTarget' || wait.kind === 'trained' || wait.kind === 'predicted' || wait.kind === 'monitored';
}
