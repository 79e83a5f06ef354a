import type { EpochLog } from '../../core/models/model';

/** What a training history's x axis and lines mean, in words for the chart and the progress bar. */
export interface HistoryLabels {
  /** One step of training: `epoch`, `round`, `tree`, `iteration`, `pass` or `step`. */
  readonly unit: string;
  readonly loss: string;
  readonly valLoss: string;
  readonly metric: (name: string) => string;
  /** The lines to draw: a forest's out-of-bag loss is both, so it is drawn once. */
  readonly showLoss: boolean;
  /** One sentence under the chart on what the lines are; empty when the lines say it all. */
  readonly note: string;
}

/**
 * Labels for a model family's history: boosting logs rounds (train and held-out loss per round), a
 * forest logs its out-of-bag loss after each tree, logistic regression its optimiser iterations,
 * the SVM its passes over the data, the networks epochs.
 */
export function historyLabels(model: string | null | undefined, history: readonly EpochLog[]): HistoryLabels {
  const base = { loss: 'training loss', valLoss: 'validation loss', metric: (m: string) => `validation ${m}`, showLoss: true, note: '' };
  switch (model) {
    case 'gbdt':
      return { ...base, unit: 'round', note: 'One point per boosting round (one tree per class for several classes). Validation loss is measured on the training rows early stopping holds out.' };
    case 'forest':
      return { ...base, unit: 'tree', valLoss: 'out-of-bag loss', metric: (m) => `out-of-bag ${m}`, showLoss: false, note: 'After each tree, scored on the training rows that tree never saw (out of bag): a free held-out estimate.' };
    case 'logistic':
      return { ...base, unit: 'iteration' };
    case 'svm':
      return { ...base, unit: 'pass', note: 'One point per pass of coordinate descent over the training rows; with several classes, the one-vs-rest problems follow one another.' };
    default:
      return { ...base, unit: history.length && history[0].epochs === 1 ? 'step' : 'epoch' };
  }
}

/**
 * The round a boosting model kept (its lowest held-out loss, where early stopping cut back to), or
 * null when nothing was cut or the family keeps its last step.
 */
export function keptStep(model: string | null | undefined, history: readonly EpochLog[]): number | null {
  if (model !== 'gbdt' || !history.length || history[0].valLoss === undefined) return null;
  let best = history[0];
  for (const h of history) if (h.valLoss !== undefined && h.valLoss < best.valLoss! - 1e-7 * Math.abs(best.valLoss!)) best = h;
  return best === history[history.length - 1] ? null : best.epoch;
}
