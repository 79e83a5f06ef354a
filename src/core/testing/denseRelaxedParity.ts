// Run by dense/kernelModule.test.ts in a child `node --experimental-wasm-relaxed-simd` (Node 20
// does not run relaxed SIMD without the flag): trains the same networks on the relaxed-SIMD and the
// plain-SIMD trainer and the TS reference, one thread and split, and prints how far apart they end.
import { denseKernelVariant } from '../models/mlp/dense/kernelModule';
import { ReferenceDenseTrainer } from '../models/mlp/dense/reference';
import { batchesOf, maxRelDiff, smallSpec, toyData } from '../models/mlp/dense/testData';
import type { DenseSpec } from '../models/mlp/dense/types';
import { WasmDenseTrainer } from '../models/mlp/dense/wasm';

const specs: DenseSpec[] = [
  smallSpec('binary', 'relu'),
  smallSpec('softmax', 'tanh', { l2: 0.01, dropout: 0.2 }),
  smallSpec('mse', 'elu', { inputs: 20, hidden: [{ units: 64, activation: 'elu' }, { units: 64, activation: 'elu' }], outputs: 1 }),
  smallSpec('binary', 'relu', { inputs: 5, hidden: [{ units: 33, activation: 'relu' }, { units: 17, activation: 'sigmoid' }], dropout: 0.5 }),
];
const results = specs.map((spec) => {
  const { X, Y } = toyData(101, spec.inputs, spec.outputs, spec.loss);
  const relaxed = new WasmDenseTrainer(spec, { variant: 'relaxed' });
  const relaxedSplit = new WasmDenseTrainer(spec, { variant: 'relaxed', shared: true });
  relaxedSplit.setSplit({ team: null, when: 'always' });
  const plain = new WasmDenseTrainer(spec, { variant: 'simd' });
  const ref = new ReferenceDenseTrainer(spec);
  let worstLoss = 0;
  for (const rows of batchesOf(101, 17, 200)) {
    const a = relaxed.step(X, Y, rows);
    relaxedSplit.step(X, Y, rows);
    const b = ref.step(X, Y, rows);
    plain.step(X, Y, rows);
    worstLoss = Math.max(worstLoss, Math.abs(a - b) / (1 + Math.abs(b)));
  }
  const outRelaxed = relaxed.forward(X, 101);
  const outPlain = plain.forward(X, 101);
  let worstOutput = 0;
  outPlain.forEach((v, i) => (worstOutput = Math.max(worstOutput, Math.abs(outRelaxed[i] - v) / (1 + Math.abs(v)))));
  return {
    worstLoss,
    vsReference: maxRelDiff(relaxed.getWeights(), ref.getWeights()),
    vsPlain: maxRelDiff(relaxed.getWeights(), plain.getWeights()),
    splitVsAlone: maxRelDiff(relaxedSplit.getWeights(), relaxed.getWeights()),
    worstOutput,
    moved: maxRelDiff(plain.getWeights(), new ReferenceDenseTrainer(spec).getWeights()),
  };
});
console.log(JSON.stringify({ variant: denseKernelVariant(), chosen: new WasmDenseTrainer(specs[0]).variant, results }));
