import { mlpModel } from '../../src/core/models/mlp/mlp';
import { resolveParams } from '../../src/core/params';
import { createRng } from '../../src/core/util/rng';
import { chooseBackend } from '../../src/workers/backend';
import { createYield } from '../../src/workers/yieldToEvents';

/**
 * Per-epoch time, in a worker, of Sapling's MLP (the real `mlpModel.fit`, yielding as in the
 * studio) for each batch size: on the dense trainer (what the studio uses on wasm and cpu) and on
 * the TF.js loop it replaced.
 */
self.onmessage = async (e: MessageEvent<{ rows?: string; epochs?: string; batches?: string; backend?: string }>) => {
  const rows = Number(e.data.rows ?? 20000);
  const epochs = Number(e.data.epochs ?? 3);
  const batches = (e.data.batches ?? '32').split(',').map(Number);
  const report = await chooseBackend((e.data.backend as 'wasm') ?? 'wasm');
  const d = 20;
  const rng = createRng(7);
  const X = Float32Array.from({ length: rows * d }, () => rng.normal());
  const y = Float32Array.from({ length: rows }, (_, i) => (X[i * d] + X[i * d + 1] > 0 ? 1 : 0));
  const epochMs = async (batchSize: number, networkTrainer: 'dense' | 'tfjs'): Promise<number> => {
    const params = resolveParams(mlpModel.schema, { epochs, batchSize, earlyStopping: false, l2: 0 });
    const t0 = performance.now();
    await mlpModel.fit({ X, n: rows, d, y }, { task: 'binary', classes: ['0', '1'] }, params, { rng: createRng(1), yieldToEvents: createYield(), shouldStop: () => false, networkTrainer });
    return (performance.now() - t0) / epochs;
  };
  const dense: number[] = [];
  const tfjs: number[] = [];
  for (const batch of batches) {
    dense.push(await epochMs(batch, 'dense'));
    tfjs.push(await epochMs(batch, 'tfjs'));
  }
  postMessage({ backend: report.active, detail: report.candidates.find((c) => c.name === report.active)?.detail, dense, tfjs });
};
