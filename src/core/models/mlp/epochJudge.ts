import type { EpochLog } from '../model';

/** What the end of an epoch decides: go on, keep the current weights as the best so far, or stop (with the reason the report gives). */
export type EpochVerdict = { readonly kind: 'continue' } | { readonly kind: 'best' } | { readonly kind: 'stop'; readonly reason: string };

/**
 * The end-of-epoch rules the network loops share (TF.js's, the dense trainer's, the WebGPU one's):
 * a loss that is no longer finite stops; with a validation loss, an improvement beyond 1e-7 of the
 * best marks the weights to keep, and `patience` epochs without one stop (the best weights kept).
 */
export class EpochJudge {
  private best = Infinity;
  private sinceBest = 0;

  constructor(private readonly patience: number) {}

  /** The verdict on an epoch's log. */
  judge(log: EpochLog): EpochVerdict {
    if (!Number.isFinite(log.loss)) return { kind: 'stop', reason: `stopped at epoch ${log.epoch}: the loss diverged (try a lower learning rate)` };
    if (log.valLoss === undefined) return { kind: 'continue' };
    if (this.best === Infinity || log.valLoss < this.best - 1e-7 * Math.abs(this.best)) {
      this.best = log.valLoss;
      this.sinceBest = 0;
      return { kind: 'best' };
    }
    if (++this.sinceBest >= this.patience) {
      return { kind: 'stop', reason: `early stopping at epoch ${log.epoch}: validation loss had not improved for ${this.patience} epochs (best weights kept)` };
    }
    return { kind: 'continue' };
  }
}
