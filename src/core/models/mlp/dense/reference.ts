import { lossGradient, batchLoss } from './loss';
import { ADAM_EPSILON, checkSpec, checkWeights, dropoutUniform, initialWeights, layerSizes } from './init';
import type { DenseActivation, DenseSpec, DenseTrainer, DenseWeights } from './types';

const fround = Math.fround;

/**
 * The dense-network trainer in plain TypeScript: the reference the fused WebAssembly and WebGPU
 * trainers are tested against, and the fallback where WebAssembly SIMD is missing. It follows
 * TF.js's CPU path: products summed in float64 and stored in float32, Adam's update op by op in
 * float32 (tf.train.adam's bias correction and epsilon).
 */
export class ReferenceDenseTrainer implements DenseTrainer {
  readonly kind = 'reference';
  private readonly sizes: number[];
  private readonly weights: Float32Array[];
  private readonly grads: Float32Array[];
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private accBeta1: number;
  private accBeta2: number;
  private dropCounter = 0;

  constructor(readonly spec: DenseSpec) {
    checkSpec(spec);
    this.sizes = layerSizes(spec);
    this.weights = initialWeights(spec);
    this.grads = this.weights.map((w) => new Float32Array(w.length));
    this.m = this.weights.map((w) => new Float32Array(w.length));
    this.v = this.weights.map((w) => new Float32Array(w.length));
    this.accBeta1 = fround(spec.optimizer.kind === 'adam' ? (spec.optimizer.beta1 ?? 0.9) : 0);
    this.accBeta2 = fround(spec.optimizer.kind === 'adam' ? (spec.optimizer.beta2 ?? 0.999) : 0);
  }

  step(X: Float32Array, Y: Float32Array, rows: Int32Array): number {
    const b = rows.length;
    const { sizes, spec } = this;
    const L = sizes.length - 1;
    // acts[0] is the batch's inputs; acts[l] the output of layer l after dropout; pre[l] before it.
    const acts: Float32Array[] = [gather(X, rows, sizes[0])];
    const pre: Float32Array[] = [acts[0]];
    const masks: (Float32Array | null)[] = [null];
    for (let l = 1; l <= L; l++) {
      const act = l === L ? 'linear' : spec.hidden[l - 1].activation;
      const h = denseForward(acts[l - 1], b, sizes[l - 1], sizes[l], this.weights[2 * l - 2], this.weights[2 * l - 1], act);
      pre.push(h);
      if (l < L && spec.dropout > 0) {
        const mask = new Float32Array(b * sizes[l]);
        const scale = fround(1 / (1 - spec.dropout));
        for (let i = 0; i < mask.length; i++) mask[i] = dropoutUniform(spec.seed, this.dropCounter++ | 0) >= spec.dropout ? scale : 0;
        this.dropCounter |= 0;
        masks.push(mask);
        acts.push(h.map((x, i) => fround(x * mask[i])));
      } else {
        masks.push(null);
        acts.push(h);
      }
    }
    const logits = acts[L];
    let loss = batchLoss(spec.loss, logits, Y, rows, spec.outputs);
    if (spec.l2 > 0) {
      let ss = 0;
      for (let l = 0; l < L; l++) for (const w of this.weights[2 * l]) ss += w * w;
      loss += (0.5 * spec.l2 * ss) / b;
    }
    let delta = new Float32Array(b * spec.outputs);
    lossGradient(spec.loss, logits, Y, rows, spec.outputs, delta);
    for (let l = L; l >= 1; l--) {
      const nIn = sizes[l - 1];
      const nOut = sizes[l];
      const kernel = this.weights[2 * l - 2];
      const gK = this.grads[2 * l - 2];
      const gB = this.grads[2 * l - 1];
      const input = acts[l - 1];
      const l2c = spec.l2 / b;
      for (let k = 0; k < nIn; k++)
        for (let j = 0; j < nOut; j++) {
          let s = 0;
          for (let r = 0; r < b; r++) s += input[r * nIn + k] * delta[r * nOut + j];
          gK[k * nOut + j] = fround(fround(s) + fround(l2c * kernel[k * nOut + j]));
        }
      for (let j = 0; j < nOut; j++) {
        let s = 0;
        for (let r = 0; r < b; r++) s += delta[r * nOut + j];
        gB[j] = fround(s);
      }
      if (l === 1) break;
      // Back through the product, dropout and the previous layer's activation.
      const prev = new Float32Array(b * nIn);
      const mask = masks[l - 1];
      const h = pre[l - 1];
      const act = spec.hidden[l - 2].activation;
      for (let r = 0; r < b; r++)
        for (let k = 0; k < nIn; k++) {
          let s = 0;
          for (let j = 0; j < nOut; j++) s += delta[r * nOut + j] * kernel[k * nOut + j];
          let g = fround(s);
          if (mask) g = fround(g * mask[r * nIn + k]);
          prev[r * nIn + k] = fround(g * activationSlope(act, h[r * nIn + k]));
        }
      delta = prev;
    }
    this.update();
    return loss;
  }

  /** The optimiser step over every weight, from the gradients of the last backward pass. */
  private update(): void {
    const opt = this.spec.optimizer;
    const lr = fround(opt.learningRate);
    if (opt.kind === 'sgd') {
      this.weights.forEach((w, a) => {
        const g = this.grads[a];
        for (let i = 0; i < w.length; i++) w[i] = fround(w[i] - fround(lr * g[i]));
      });
      return;
    }
    const b1 = fround(opt.beta1 ?? 0.9);
    const b2 = fround(opt.beta2 ?? 0.999);
    const c1 = fround(1 - (opt.beta1 ?? 0.9));
    const c2 = fround(1 - (opt.beta2 ?? 0.999));
    const eps = fround(opt.epsilon ?? ADAM_EPSILON);
    const om1 = fround(1 - this.accBeta1);
    const om2 = fround(1 - this.accBeta2);
    const negLr = fround(-opt.learningRate);
    this.weights.forEach((w, a) => {
      const g = this.grads[a];
      const m = this.m[a];
      const v = this.v[a];
      for (let i = 0; i < w.length; i++) {
        const gi = g[i];
        const mi = fround(fround(m[i] * b1) + fround(gi * c1));
        const vi = fround(fround(v[i] * b2) + fround(fround(gi * gi) * c2));
        m[i] = mi;
        v[i] = vi;
        const mh = fround(mi / om1);
        const vh = fround(vi / om2);
        w[i] = fround(fround(fround(mh / fround(fround(Math.sqrt(vh)) + eps)) * negLr) + w[i]);
      }
    });
    this.accBeta1 = fround(this.accBeta1 * b1);
    this.accBeta2 = fround(this.accBeta2 * b2);
  }

  forward(X: Float32Array, n: number): Float32Array {
    const { sizes, spec } = this;
    let a = X.subarray(0, n * sizes[0]);
    for (let l = 1; l < sizes.length; l++) {
      const act = l === sizes.length - 1 ? 'linear' : spec.hidden[l - 1].activation;
      a = denseForward(a, n, sizes[l - 1], sizes[l], this.weights[2 * l - 2], this.weights[2 * l - 1], act);
    }
    return a;
  }

  getWeights(): DenseWeights {
    return this.weights.map((w) => w.slice());
  }

  setWeights(weights: DenseWeights): void {
    checkWeights(this.spec, weights);
    weights.forEach((w, i) => this.weights[i].set(w));
  }

  dispose(): void {
    // Plain arrays: nothing to free.
  }
}

/** Rows `rows` of a row-major matrix with `d` columns, stacked. */
function gather(X: Float32Array, rows: Int32Array, d: number): Float32Array {
  const out = new Float32Array(rows.length * d);
  for (let i = 0; i < rows.length; i++) out.set(X.subarray(rows[i] * d, rows[i] * d + d), i * d);
  return out;
}

/** act(input · kernel + bias) for n rows, each product summed in float64 and stored in float32. */
function denseForward(input: Float32Array, n: number, nIn: number, nOut: number, kernel: Float32Array, bias: Float32Array, act: DenseActivation): Float32Array {
  const out = new Float32Array(n * nOut);
  const sums = new Float64Array(nOut);
  for (let r = 0; r < n; r++) {
    sums.fill(0);
    for (let k = 0; k < nIn; k++) {
      const x = input[r * nIn + k];
      if (x === 0) continue;
      for (let j = 0; j < nOut; j++) sums[j] += x * kernel[k * nOut + j];
    }
    for (let j = 0; j < nOut; j++) out[r * nOut + j] = activate(act, fround(fround(sums[j]) + bias[j]));
  }
  return out;
}

/** An activation in float32, as TF.js computes it. */
export function activate(act: DenseActivation, x: number): number {
  switch (act) {
    case 'relu':
      return x > 0 ? x : 0;
    case 'tanh':
      return fround(Math.tanh(x));
    case 'sigmoid':
      return fround(1 / (1 + Math.exp(-x)));
    case 'elu':
      return x > 0 ? x : fround(Math.exp(x) - 1);
    default:
      return x;
  }
}

/** The activation's derivative from its output `y` (TF.js's gradient kernels use the output too). */
export function activationSlope(act: DenseActivation, y: number): number {
  switch (act) {
    case 'relu':
      return y > 0 ? 1 : 0;
    case 'tanh':
      return fround(1 - fround(y * y));
    case 'sigmoid':
      return fround(y * fround(1 - y));
    case 'elu':
      return y < 0 ? fround(y + 1) : 1;
    default:
      return 1;
  }
}
