import { describe, expect, it } from 'vitest';
import { EpochJudge } from './epochJudge';

const log = (epoch: number, loss: number, valLoss?: number) => ({ epoch, epochs: 10, loss, ...(valLoss === undefined ? {} : { valLoss }) });

describe('EpochJudge', () => {
  it('keeps the best validation loss and stops after `patience` epochs without a real improvement', () => {
    const judge = new EpochJudge(2);
    expect(judge.judge(log(1, 1, 0.5))).toEqual({ kind: 'best' });
    expect(judge.judge(log(2, 1, 0.4))).toEqual({ kind: 'best' });
    // 0.4 − 1e-9 is within 1e-7 of the best: not an improvement.
    expect(judge.judge(log(3, 1, 0.4 - 1e-9))).toEqual({ kind: 'continue' });
    expect(judge.judge(log(4, 1, 0.45))).toEqual({ kind: 'stop', reason: 'early stopping at epoch 4: validation loss had not improved for 2 epochs (best weights kept)' });
  });

  it('stops on a loss that is no longer finite, and without validation never stops early', () => {
    const judge = new EpochJudge(1);
    expect(judge.judge(log(1, 2))).toEqual({ kind: 'continue' });
    expect(judge.judge(log(2, 3))).toEqual({ kind: 'continue' });
    expect(judge.judge(log(3, NaN, 0.1))).toEqual({ kind: 'stop', reason: 'stopped at epoch 3: the loss diverged (try a lower learning rate)' });
  });
});
