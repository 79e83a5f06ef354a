import { describe, expect, it } from 'vitest';
import { resolveParams, type RawParams } from '../../params';
import type { Task } from '../../problem';
import { createRng } from '../../util/rng';
import { gbdtModel } from './gbdt.model';

/** A noisy problem with missing values: y from the first two features (classes or a value). */
function problem(task: Task, n: number, d: number, seed: number) {
  const rng = createRng(seed);
  const X = Float32Array.from({ length: n * d }, (_, i) => (i % 13 === 0 ? NaN : rng.normal()));
  const classes = task === 'binary' ? ['no', 'yes'] : task === 'multiclass' ? ['a', 'b', 'c'] : [];
  const y = Float32Array.from({ length: n }, (_, i) => {
    const s = (X[i * d] || 0) + 0.5 * (X[i * d + 1] || 0) + 0.7 * rng.normal();
    if (task === 'regression') return 3 * s + 10;
    if (task === 'binary') return s > 0 ? 1 : 0;
    return s < -0.5 ? 0 : s < 0.5 ? 1 : 2;
  });
  return { train: { X, n, d, y }, target: { task, classes } };
}

describe('gbdt', () => {
  it('hands over training outputs equal to what its predictor gives on the training rows', async () => {
    const cases: [Task, RawParams][] = [
      ['binary', { rounds: 30, earlyStopping: false }],
      ['binary', { rounds: 200, earlyStopping: true, patience: 3, learningRate: 0.5 }], // stops early, keeps an earlier round
      ['multiclass', { rounds: 20, earlyStopping: true, rowSubsample: 0.7 }], // some rows walk each tree
      ['regression', { rounds: 25, earlyStopping: false, colSubsample: 0.5 }],
    ];
    for (const [task, raw] of cases) {
      const { train, target } = problem(task, 1500, 5, 11);
      let handed: Float32Array | undefined;
      const fitted = await gbdtModel.fit(train, target, resolveParams(gbdtModel.schema, raw), { rng: createRng(3), onTrainingOutputs: (o) => (handed = o) });
      const predicted = (await gbdtModel.load(JSON.parse(JSON.stringify(fitted)))).outputs(train.X, train.n);
      expect(handed, `${task} ${JSON.stringify(raw)}`).toBeDefined();
      expect(Array.from(handed!), `${task} ${JSON.stringify(raw)}: ${fitted.stopReason}`).toEqual(Array.from(predicted));
      if (raw.patience === 3) expect(fitted.stopReason).toMatch(/early stopping/);
    }
  });
});
