/**
 * The WGSL of the WebGPU dense trainer (webgpu.ts). One pipeline per layer and kernel: the layer's
 * sizes, offsets into the flat parameter buffer, activation and dropout are `override` constants, so
 * each kernel is compiled for its shapes and the per-step data is one small uniform (the batch's
 * place in the order, its size, its loss slot, the dropout counter and Adam's bias corrections),
 * bound at a dynamic offset so a whole epoch's steps are encoded against one bind group per kernel.
 *
 * The maths follows the TS reference (reference.ts, loss.ts) operation by operation in float32; the
 * products are summed in float32 here (the reference sums in float64), the only systematic difference.
 */

/** Bytes between two steps' uniforms: WebGPU's minimum dynamic-offset alignment. */
export const STEP_STRIDE = 256;

/** Threads per side of the square tiles the product kernels work in. */
export const TILE = 16;

/** Threads of the one-dimensional kernels (loss, update, reduction). */
export const LINEAR_GROUP = 256;

/** Activation codes of the `ACT` override, in the order the kernels' `activate` switch reads them. */
export const ACTIVATION_CODE = { linear: 0, relu: 1, tanh: 2, sigmoid: 3, elu: 4 } as const;

/** Loss codes of the `LOSS` override. */
export const LOSS_CODE = { binary: 0, softmax: 1, mse: 2, huber: 3 } as const;

/** The per-step uniform, laid out as writeStep (webgpu.ts) fills it. */
const STEP_STRUCT = /* wgsl */ `
struct Step {
  start: u32,      // index in the order of the batch's first row
  rows: u32,       // rows in the batch
  slot: u32,       // the batch's place in this submission (its loss slot)
  drop_base: u32,  // the dropout counter at this step's start (reference.ts's dropCounter)
  om1: f32,        // 1 - beta1^t, as the reference keeps it in float32
  om2: f32,        // 1 - beta2^t
  l2c: f32,        // l2 / rows
  pad: u32,
}
@group(0) @binding(0) var<uniform> st: Step;
`;

/** Activations and their slopes from the output, as reference.ts (TF.js) computes them. */
const ACTIVATION_FNS = /* wgsl */ `
fn activate(x: f32, act: u32) -> f32 {
  switch act {
    case 1u: { return max(x, 0.0); }
    // tanh saturates to ±1 in float32 beyond ±9; clamping keeps exp-based tanh from inf/inf.
    case 2u: { return tanh(clamp(x, -15.0, 15.0)); }
    case 3u: { return 1.0 / (1.0 + exp(-x)); }
    case 4u: { if (x > 0.0) { return x; } return exp(x) - 1.0; }
    default: { return x; }
  }
}
fn slope(y: f32, act: u32) -> f32 {
  switch act {
    case 1u: { return select(0.0, 1.0, y > 0.0); }
    case 2u: { return 1.0 - y * y; }
    case 3u: { return y * (1.0 - y); }
    case 4u: { return select(1.0, y + 1.0, y < 0.0); }
    default: { return 1.0; }
  }
}
`;

/** The dropout draw of init.ts's dropoutUniform as an integer test: keep when the 24 bits reach KEEP_FROM. */
const DROPOUT_FN = /* wgsl */ `
override SEED: u32 = 0u;
override KEEP_FROM: u32 = 0u;
override SCALE: f32 = 1.0;
fn kept(counter: u32) -> bool {
  var z = SEED + counter * 0x9e3779b9u;
  z = (z ^ (z >> 16u)) * 0x85ebca6bu;
  z = (z ^ (z >> 13u)) * 0xc2b2ae35u;
  z = z ^ (z >> 16u);
  return (z >> 8u) >= KEEP_FROM;
}
`;

/**
 * Forward through one layer: act(input · kernel + bias) for the batch's rows, one output per thread
 * in 16×16 tiles. The first layer gathers its rows from X through the order (GATHER). A hidden layer
 * with dropout also keeps its output before the mask (pre) for the backward pass's slope.
 */
export const FORWARD_WGSL = /* wgsl */ `
${STEP_STRUCT}
${ACTIVATION_FNS}
${DROPOUT_FN}
override K: u32;            // inputs of the layer
override N: u32;            // units of the layer
override KOFF: u32;         // kernel's offset in the parameter buffer
override BOFF: u32;         // bias's offset
override ACT: u32 = 0u;
override GATHER: bool = false;
override DROP: bool = false;
override LAYER_BASE: u32 = 0u;  // units of the hidden layers before this one (dropout counter)
@group(0) @binding(1) var<storage, read> order: array<u32>;
@group(0) @binding(2) var<storage, read> inp: array<f32>;
@group(0) @binding(3) var<storage, read> params: array<f32>;
@group(0) @binding(4) var<storage, read_write> outp: array<f32>;
@group(0) @binding(5) var<storage, read_write> pre: array<f32>;
const T = ${TILE}u;
var<workgroup> ta: array<f32, ${TILE * TILE}>;
var<workgroup> tb: array<f32, ${TILE * TILE}>;

@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let rows = st.rows;
  let r = wg.y * T + lid.y;
  let j = wg.x * T + lid.x;
  var src = r;
  if (GATHER && r < rows) { src = order[st.start + r]; }
  var acc = 0.0;
  for (var k0 = 0u; k0 < K; k0 += T) {
    let ka = k0 + lid.x;
    var a = 0.0;
    if (r < rows && ka < K) { a = inp[src * K + ka]; }
    ta[lid.y * T + lid.x] = a;
    let kb = k0 + lid.y;
    var b = 0.0;
    if (kb < K && j < N) { b = params[KOFF + kb * N + j]; }
    tb[lid.y * T + lid.x] = b;
    workgroupBarrier();
    for (var t = 0u; t < T; t++) { acc += ta[lid.y * T + t] * tb[t * T + lid.x]; }
    workgroupBarrier();
  }
  if (r < rows && j < N) {
    let h = activate(acc + params[BOFF + j], ACT);
    let at = r * N + j;
    if (DROP) {
      pre[at] = h;
      outp[at] = select(0.0, h * SCALE, kept(st.drop_base + rows * LAYER_BASE + at));
    } else {
      outp[at] = h;
    }
  }
}
`;

/**
 * The loss of the batch's logits and its gradient, in one workgroup: first the sum and the count of
 * the targets present (NaN targets count for nothing; softmax counts whole rows), then each logit's
 * gradient over that count. The batch's mean loss goes to its slot of `parts`.
 */
export const LOSS_WGSL = /* wgsl */ `
${STEP_STRUCT}
override O: u32;          // outputs
override LOSS: u32;       // 0 binary, 1 softmax, 2 mse, 3 huber
override STRIDE: u32;     // floats per step in parts
@group(0) @binding(1) var<storage, read> order: array<u32>;
@group(0) @binding(2) var<storage, read> ybits: array<u32>;
@group(0) @binding(3) var<storage, read> logits: array<f32>;
@group(0) @binding(4) var<storage, read_write> delta: array<f32>;
@group(0) @binding(5) var<storage, read_write> parts: array<f32>;
var<workgroup> sums: array<f32, ${LINEAR_GROUP}>;
var<workgroup> counts: array<f32, ${LINEAR_GROUP}>;

// WGSL lets compilers assume no NaN, so a missing target is recognised by its bits.
fn present(bits: u32) -> bool { return (bits & 0x7fffffffu) <= 0x7f800000u; }

fn row_present(yrow: u32) -> bool {
  for (var j = 0u; j < O; j++) { if (!present(ybits[yrow + j])) { return false; } }
  return true;
}

fn row_max(z: u32) -> f32 {
  var m = logits[z];
  for (var j = 1u; j < O; j++) { m = max(m, logits[z + j]); }
  return m;
}

@compute @workgroup_size(${LINEAR_GROUP})
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
  let rows = st.rows;
  var s = 0.0;
  var c = 0.0;
  for (var r = lid.x; r < rows; r += ${LINEAR_GROUP}u) {
    let yrow = order[st.start + r] * O;
    let z = r * O;
    if (LOSS == 1u) {
      if (!row_present(yrow)) { continue; }
      let m = row_max(z);
      var e = 0.0;
      for (var j = 0u; j < O; j++) { e += exp(logits[z + j] - m); }
      let lse = m + log(e);
      for (var j = 0u; j < O; j++) { s += bitcast<f32>(ybits[yrow + j]) * (lse - logits[z + j]); }
      c += 1.0;
    } else {
      for (var j = 0u; j < O; j++) {
        let bits = ybits[yrow + j];
        if (!present(bits)) { continue; }
        let t = bitcast<f32>(bits);
        let v = logits[z + j];
        if (LOSS == 0u) {
          s += max(v, 0.0) - v * t + log(1.0 + exp(-abs(v)));
        } else {
          let d = v - t;
          if (LOSS == 2u) { s += d * d; } else if (abs(d) <= 1.0) { s += 0.5 * d * d; } else { s += abs(d) - 0.5; }
        }
        c += 1.0;
      }
    }
  }
  sums[lid.x] = s;
  counts[lid.x] = c;
  workgroupBarrier();
  for (var half = ${LINEAR_GROUP / 2}u; half > 0u; half >>= 1u) {
    if (lid.x < half) {
      sums[lid.x] += sums[lid.x + half];
      counts[lid.x] += counts[lid.x + half];
    }
    workgroupBarrier();
  }
  let count = counts[0];
  var scale = 0.0;
  if (count > 0.0) { scale = 1.0 / count; }
  if (lid.x == 0u) { parts[st.slot * STRIDE] = sums[0] * scale; }
  for (var r = lid.x; r < rows; r += ${LINEAR_GROUP}u) {
    let yrow = order[st.start + r] * O;
    let z = r * O;
    if (LOSS == 1u) {
      let ok = row_present(yrow);
      let m = row_max(z);
      var e = 0.0;
      for (var j = 0u; j < O; j++) { e += exp(logits[z + j] - m); }
      for (var j = 0u; j < O; j++) {
        var g = 0.0;
        if (ok) { g = (exp(logits[z + j] - m) / e - bitcast<f32>(ybits[yrow + j])) * scale; }
        delta[z + j] = g;
      }
    } else {
      for (var j = 0u; j < O; j++) {
        let bits = ybits[yrow + j];
        var g = 0.0;
        if (present(bits)) {
          let t = bitcast<f32>(bits);
          let v = logits[z + j];
          if (LOSS == 0u) { g = 1.0 / (1.0 + exp(-v)) - t; }
          else if (LOSS == 2u) { g = 2.0 * (v - t); }
          else { g = clamp(v - t, -1.0, 1.0); }
        }
        delta[z + j] = g * scale;
      }
    }
  }
}
`;

/**
 * The gradient of one layer's kernel and bias: inputᵀ · delta over the batch's rows, with the bias as
 * an extra input row of ones, written straight into the flat gradient buffer at the layer's offsets.
 */
export const GRAD_WEIGHTS_WGSL = /* wgsl */ `
${STEP_STRUCT}
override K: u32;
override N: u32;
override KOFF: u32;
override BOFF: u32;
override GATHER: bool = false;
@group(0) @binding(1) var<storage, read> order: array<u32>;
@group(0) @binding(2) var<storage, read> inp: array<f32>;
@group(0) @binding(3) var<storage, read> delta: array<f32>;
@group(0) @binding(4) var<storage, read_write> grads: array<f32>;
const T = ${TILE}u;
var<workgroup> ta: array<f32, ${TILE * TILE}>;  // [k][row]
var<workgroup> tb: array<f32, ${TILE * TILE}>;  // [row][unit]

@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let rows = st.rows;
  let k = wg.y * T + lid.y;
  let j = wg.x * T + lid.x;
  var acc = 0.0;
  for (var r0 = 0u; r0 < rows; r0 += T) {
    let ra = r0 + lid.x;
    var a = 0.0;
    if (ra < rows) {
      if (k == K) { a = 1.0; }
      else if (k < K) {
        var src = ra;
        if (GATHER) { src = order[st.start + ra]; }
        a = inp[src * K + k];
      }
    }
    ta[lid.y * T + lid.x] = a;
    let rb = r0 + lid.y;
    var b = 0.0;
    if (rb < rows && j < N) { b = delta[rb * N + j]; }
    tb[lid.y * T + lid.x] = b;
    workgroupBarrier();
    for (var t = 0u; t < T; t++) { acc += ta[lid.y * T + t] * tb[t * T + lid.x]; }
    workgroupBarrier();
  }
  if (j < N) {
    if (k < K) { grads[KOFF + k * N + j] = acc; }
    else if (k == K) { grads[BOFF + j] = acc; }
  }
}
`;

/**
 * Back through a layer's product to the previous hidden layer: (delta · kernelᵀ), its dropout mask
 * (redrawn from the counter, never stored) and its activation's slope from its output before the mask.
 */
export const GRAD_INPUT_WGSL = /* wgsl */ `
${STEP_STRUCT}
${ACTIVATION_FNS}
${DROPOUT_FN}
override K: u32;            // units of the previous layer (this layer's inputs)
override N: u32;            // units of this layer
override KOFF: u32;
override ACT: u32 = 0u;     // the previous layer's activation
override DROP: bool = false;
override LAYER_BASE: u32 = 0u;  // the previous layer's place in the dropout counter
@group(0) @binding(1) var<storage, read> delta: array<f32>;
@group(0) @binding(2) var<storage, read> params: array<f32>;
@group(0) @binding(3) var<storage, read> h: array<f32>;
@group(0) @binding(4) var<storage, read_write> prev: array<f32>;
const T = ${TILE}u;
var<workgroup> ta: array<f32, ${TILE * TILE}>;  // [row][unit]
var<workgroup> tb: array<f32, ${TILE * TILE}>;  // [unit][k]

@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let rows = st.rows;
  let r = wg.y * T + lid.y;
  let k = wg.x * T + lid.x;
  var acc = 0.0;
  for (var j0 = 0u; j0 < N; j0 += T) {
    let ja = j0 + lid.x;
    var a = 0.0;
    if (r < rows && ja < N) { a = delta[r * N + ja]; }
    ta[lid.y * T + lid.x] = a;
    let jb = j0 + lid.y;
    var b = 0.0;
    if (jb < N && k < K) { b = params[KOFF + k * N + jb]; }
    tb[lid.y * T + lid.x] = b;
    workgroupBarrier();
    for (var t = 0u; t < T; t++) { acc += ta[lid.y * T + t] * tb[t * T + lid.x]; }
    workgroupBarrier();
  }
  if (r < rows && k < K) {
    let at = r * K + k;
    var g = acc;
    if (DROP) { g = select(0.0, g * SCALE, kept(st.drop_base + rows * LAYER_BASE + at)); }
    prev[at] = g * slope(h[at], ACT);
  }
}
`;

/**
 * The optimiser step over the one flat parameter buffer: L2's gradient on kernel entries (flag 1),
 * then Adam (TF.js's order of operations, bias corrections from the step) or SGD. With L2, each
 * workgroup also writes its share of the penalty 0.5·l2·Σw²/rows (old weights) to the step's slot.
 */
export const UPDATE_WGSL = /* wgsl */ `
${STEP_STRUCT}
override P: u32;            // parameters
override ADAM: bool = true;
override L2: bool = false;
override STRIDE: u32;
override LR: f32;
override B1: f32 = 0.9;
override B2: f32 = 0.999;
override C1: f32 = 0.1;     // 1 - beta1, rounded to float32 as the reference does
override C2: f32 = 0.001;
override EPS: f32 = 1e-7;
@group(0) @binding(1) var<storage, read> grads: array<f32>;
@group(0) @binding(2) var<storage, read> flags: array<u32>;
@group(0) @binding(3) var<storage, read_write> params: array<f32>;
@group(0) @binding(4) var<storage, read_write> m: array<f32>;
@group(0) @binding(5) var<storage, read_write> v: array<f32>;
@group(0) @binding(6) var<storage, read_write> parts: array<f32>;
var<workgroup> squares: array<f32, ${LINEAR_GROUP}>;

@compute @workgroup_size(${LINEAR_GROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wg: vec3<u32>) {
  let i = gid.x;
  var sq = 0.0;
  if (i < P) {
    let w = params[i];
    var g = grads[i];
    if (L2 && flags[i] == 1u) {
      g = g + st.l2c * w;
      sq = w * w;
    }
    if (ADAM) {
      let mi = m[i] * B1 + g * C1;
      let vi = v[i] * B2 + (g * g) * C2;
      m[i] = mi;
      v[i] = vi;
      let mh = mi / st.om1;
      let vh = vi / st.om2;
      params[i] = (mh / (sqrt(vh) + EPS)) * (-LR) + w;
    } else {
      params[i] = w - LR * g;
    }
  }
  if (L2) {
    squares[lid.x] = sq;
    workgroupBarrier();
    for (var half = ${LINEAR_GROUP / 2}u; half > 0u; half >>= 1u) {
      if (lid.x < half) { squares[lid.x] += squares[lid.x + half]; }
      workgroupBarrier();
    }
    if (lid.x == 0u) { parts[st.slot * STRIDE + 1u + wg.x] = 0.5 * st.l2c * squares[0]; }
  }
}
`;

/** Adds a submission's step losses (and penalty shares) to the epoch's total, in one workgroup. */
export const REDUCE_WGSL = /* wgsl */ `
struct Count { n: u32 }
@group(0) @binding(0) var<uniform> count: Count;
@group(0) @binding(1) var<storage, read> parts: array<f32>;
@group(0) @binding(2) var<storage, read_write> total: array<f32>;
var<workgroup> sums: array<f32, ${LINEAR_GROUP}>;

@compute @workgroup_size(${LINEAR_GROUP})
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
  var s = 0.0;
  for (var i = lid.x; i < count.n; i += ${LINEAR_GROUP}u) { s += parts[i]; }
  sums[lid.x] = s;
  workgroupBarrier();
  for (var half = ${LINEAR_GROUP / 2}u; half > 0u; half >>= 1u) {
    if (lid.x < half) { sums[lid.x] += sums[lid.x + half]; }
    workgroupBarrier();
  }
  if (lid.x == 0u) { total[0] += sums[0]; }
}
`;
