/**
 * The dense-network trainer's contract (a leaf: it imports nothing of the training side). One
 * trainer serves every network Sapling trains by gradient: the TS reference (reference.ts), the
 * fused WebAssembly trainer (wasm.ts) and the WebGPU trainer all implement it and are tested
 * against each other with the same initial weights and the same batches.
 */

/** A hidden layer's non-linearity (TF.js's names and formulas; elu has alpha 1). */
export type DenseActivation = 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'linear';

/** binary: 1 output, y 0/1, sigmoid cross-entropy on the logit; softmax: k outputs, y one-hot; mse; huber (delta 1).
 *  A NaN target means "no gradient for that output": DQN sets only the taken action's target. The loss is averaged over the targets that are present. */
export type DenseLoss = 'binary' | 'softmax' | 'mse' | 'huber';

/** What network to train and how. */
export interface DenseSpec {
  readonly inputs: number;
  readonly hidden: readonly { readonly units: number; readonly activation: DenseActivation }[];
  readonly outputs: number; // the output layer is linear during training (logits)
  readonly loss: DenseLoss;
  readonly dropout: number; // 0 = none; inverted dropout on hidden outputs, seeded
  readonly l2: number; // 0.5·l2·Σ‖kernel‖² / batch rows, kernels only (what trainLoop.ts does today)
  readonly optimizer:
    | { readonly kind: 'adam'; readonly learningRate: number; readonly beta1?: number; readonly beta2?: number; readonly epsilon?: number }
    | { readonly kind: 'sgd'; readonly learningRate: number };
  readonly seed: number; // Glorot-uniform kernels, zero biases
}

/** Weights as TF.js orders them: per layer kernel (inputs×units, row-major) then bias. */
export type DenseWeights = readonly Float32Array[];

/** A network being trained, its weights and optimiser state held by the trainer. */
export interface DenseTrainer {
  readonly spec: DenseSpec;
  /** Which implementation this is ('wasm', 'reference', …), for benchmarks and tests. */
  readonly kind?: string;
  /** How it runs, in words, for benchmarks and the studio (e.g. "relaxed SIMD, batch split over 2 threads when it pays"). */
  readonly detail?: string;
  /** One optimiser step on rows `rows` of X (n×inputs, row-major) and Y (n×outputs); returns the batch's mean loss. */
  step(X: Float32Array, Y: Float32Array, rows: Int32Array): number;
  /** Outputs (logits, before sigmoid/softmax) of n rows of X; training=false (no dropout). */
  forward(X: Float32Array, n: number): Float32Array;
  getWeights(): DenseWeights;
  setWeights(weights: DenseWeights): void;
  dispose(): void;
}

/** The epoch-level dense trainer: data stays on the device, a whole epoch is encoded at once. */
export interface DenseEpochTrainer {
  readonly spec: DenseSpec;
  readonly kind: string;
  /** Uploads X (n×inputs) and Y (n×outputs, NaN = no target) once; `runEpoch` indexes into them. */
  uploadData(X: Float32Array, Y: Float32Array, n: number): Promise<void>;
  /** One optimiser step per `batchSize` rows of `order` (row indices); resolves to the mean of the batches' losses. */
  runEpoch(order: Int32Array, batchSize: number): Promise<number>;
  /** The current weights, TF.js's order (kernel, bias per layer). */
  readWeights(): Promise<DenseWeights>;
  /** Replaces the weights (the optimiser's moments are kept, as the reference does). */
  setWeights(weights: DenseWeights): void;
  dispose(): void;
}
