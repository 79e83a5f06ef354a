/// <reference types="@webgpu/types" />
import { SaplingError } from '../../../util/errors';
import { ADAM_EPSILON, checkSpec, checkWeights, initialWeights, layerSizes } from './init';
import type { DenseEpochTrainer, DenseSpec, DenseWeights } from './types';
import {
  ACTIVATION_CODE,
  FORWARD_WGSL,
  GRAD_INPUT_WGSL,
  GRAD_WEIGHTS_WGSL,
  LINEAR_GROUP,
  LOSS_CODE,
  LOSS_WGSL,
  REDUCE_WGSL,
  STEP_STRIDE,
  TILE,
  UPDATE_WGSL,
} from './webgpuKernels';
import { encodeSteps, keepFrom, planSteps, type StepPlan } from './webgpuPlan';

// WebGPU's flag values, spelled out: core runs where the GPUBufferUsage globals do not exist (Node).
const MAP_READ = 0x1;
const COPY_SRC = 0x4;
const COPY_DST = 0x8;
const UNIFORM = 0x40;
const STORAGE = 0x80;
const MAP_MODE_READ = 0x1;
const STAGE_COMPUTE = 0x4;

/** Steps encoded into one command buffer: a 20,000-row epoch at batch 32 is one submission. */
const STEPS_PER_SUBMIT = 1024;

type Binding = 'step' | 'uniform' | 'read' | 'rw';

/** Per layer l (0-based): its inputs, units and where its kernel and bias start in the flat buffer. */
interface LayerLayout {
  readonly inputs: number;
  readonly units: number;
  readonly kernelAt: number;
  readonly biasAt: number;
  readonly activation: number;
  /** Units of the hidden layers before this one: its place in the dropout counter. */
  readonly dropBase: number;
}

interface BindGroups {
  readonly forward: GPUBindGroup[];
  readonly gradWeights: GPUBindGroup[];
  readonly gradInput: (GPUBindGroup | null)[];
  readonly loss: GPUBindGroup;
  readonly update: GPUBindGroup;
  readonly reduce: GPUBindGroup;
}

interface Pipelines {
  readonly forward: GPUComputePipeline[];
  readonly gradWeights: GPUComputePipeline[];
  readonly gradInput: (GPUComputePipeline | null)[];
  readonly loss: GPUComputePipeline;
  readonly update: GPUComputePipeline;
  readonly reduce: GPUComputePipeline;
}

/**
 * Creates the fused WebGPU trainer for `spec` on `device` (the worker requests the device; core never
 * touches navigator), with the reference's initial weights. Compiles every pipeline before resolving.
 */
export async function createWebGpuDenseTrainer(device: GPUDevice, spec: DenseSpec): Promise<DenseEpochTrainer> {
  checkSpec(spec);
  const trainer = new WebGpuDenseTrainer(device, spec);
  await trainer.compile();
  return trainer;
}

class WebGpuDenseTrainer implements DenseEpochTrainer {
  readonly kind = 'webgpu';
  private readonly layers: LayerLayout[];
  private readonly paramCount: number;
  private readonly updateGroups: number;
  /** Floats per step in `parts`: the data loss, then (with L2) one penalty share per update workgroup. */
  private readonly stride: number;
  private readonly layouts: Record<'forward' | 'gradWeights' | 'gradInput' | 'loss' | 'update' | 'reduce', GPUBindGroupLayout>;
  private pipelines: Pipelines | null = null;
  private readonly params: GPUBuffer;
  private readonly grads: GPUBuffer;
  private readonly m: GPUBuffer;
  private readonly v: GPUBuffer;
  private readonly flags: GPUBuffer;
  private readonly steps: GPUBuffer;
  private readonly parts: GPUBuffer;
  private readonly total: GPUBuffer;
  private readonly count: GPUBuffer;
  private readonly lossReadback: GPUBuffer;
  private readonly dummy: GPUBuffer;
  private data: { X: GPUBuffer; Y: GPUBuffer; n: number } | null = null;
  private order: GPUBuffer | null = null;
  private scratch: { rows: number; acts: GPUBuffer[]; pre: (GPUBuffer | null)[]; delta: GPUBuffer[] } | null = null;
  private groups: BindGroups | null = null;
  /** Adam's running beta powers and the dropout counter, kept exactly as reference.ts keeps them. */
  private accBeta1: number;
  private accBeta2: number;
  private dropCounter = 0;
  private busy = false;
  private disposed = false;

  constructor(
    private readonly device: GPUDevice,
    readonly spec: DenseSpec,
  ) {
    const sizes = layerSizes(spec);
    let at = 0;
    let dropBase = 0;
    this.layers = sizes.slice(1).map((units, l) => {
      const layer: LayerLayout = {
        inputs: sizes[l],
        units,
        kernelAt: at,
        biasAt: at + sizes[l] * units,
        activation: ACTIVATION_CODE[l < spec.hidden.length ? spec.hidden[l].activation : 'linear'],
        dropBase,
      };
      at = layer.biasAt + units;
      dropBase += l < spec.hidden.length ? units : 0;
      return layer;
    });
    this.paramCount = at;
    this.updateGroups = Math.ceil(at / LINEAR_GROUP);
    if (this.updateGroups > device.limits.maxComputeWorkgroupsPerDimension) throw new SaplingError('bad-network', `A network of ${at} weights is too large for this GPU's trainer.`);
    this.stride = spec.l2 > 0 ? 1 + this.updateGroups : 1;
    const adam = spec.optimizer.kind === 'adam' ? spec.optimizer : null;
    this.accBeta1 = Math.fround(adam?.beta1 ?? 0.9);
    this.accBeta2 = Math.fround(adam?.beta2 ?? 0.999);

    const storage = (floats: number, extra = 0) => this.buffer(Math.max(1, floats) * 4, STORAGE | extra);
    this.params = storage(at, COPY_SRC | COPY_DST);
    this.grads = storage(at);
    this.m = storage(adam ? at : 1);
    this.v = storage(adam ? at : 1);
    this.flags = storage(at, COPY_DST);
    this.steps = this.buffer(STEPS_PER_SUBMIT * STEP_STRIDE, UNIFORM | COPY_DST);
    this.parts = storage(STEPS_PER_SUBMIT * this.stride);
    this.total = storage(1, COPY_SRC | COPY_DST);
    this.count = this.buffer(16, UNIFORM | COPY_DST);
    this.lossReadback = this.buffer(4, MAP_READ | COPY_DST);
    this.dummy = storage(1);
    const flags = new Uint32Array(at);
    for (const layer of this.layers) flags.fill(1, layer.kernelAt, layer.biasAt);
    device.queue.writeBuffer(this.flags, 0, flags);
    this.setWeights(initialWeights(spec));

    const layout = (kinds: Binding[]) => device.createBindGroupLayout({ entries: kinds.map((kind, binding) => layoutEntry(kind, binding)) });
    this.layouts = {
      forward: layout(['step', 'read', 'read', 'read', 'rw', 'rw']),
      gradWeights: layout(['step', 'read', 'read', 'read', 'rw']),
      gradInput: layout(['step', 'read', 'read', 'read', 'rw']),
      loss: layout(['step', 'read', 'read', 'read', 'rw', 'rw']),
      update: layout(['step', 'read', 'read', 'rw', 'rw', 'rw', 'rw']),
      reduce: layout(['uniform', 'read', 'rw']),
    };
  }

  /** Compiles one pipeline per layer and kernel (shapes, offsets, activation and dropout as override constants). */
  async compile(): Promise<void> {
    const { device, spec, layers } = this;
    device.pushErrorScope('validation');
    const modules = {
      forward: device.createShaderModule({ code: FORWARD_WGSL, label: 'dense forward' }),
      gradWeights: device.createShaderModule({ code: GRAD_WEIGHTS_WGSL, label: 'dense kernel gradient' }),
      gradInput: device.createShaderModule({ code: GRAD_INPUT_WGSL, label: 'dense input gradient' }),
      loss: device.createShaderModule({ code: LOSS_WGSL, label: 'dense loss' }),
      update: device.createShaderModule({ code: UPDATE_WGSL, label: 'dense update' }),
      reduce: device.createShaderModule({ code: REDUCE_WGSL, label: 'dense loss sum' }),
    };
    const make = (kind: keyof typeof modules, constants: Record<string, number>) =>
      device.createComputePipelineAsync({
        layout: device.createPipelineLayout({ bindGroupLayouts: [this.layouts[kind]] }),
        compute: { module: modules[kind], entryPoint: 'main', constants },
      });
    const dropping = spec.dropout > 0;
    const dropout = { SEED: spec.seed >>> 0, KEEP_FROM: keepFrom(spec.dropout), SCALE: 1 / (1 - spec.dropout) };
    const hidden = (l: number) => l < spec.hidden.length;
    const opt = spec.optimizer;
    const building = Promise.all([
        Promise.all(
          layers.map((layer, l) =>
            make('forward', {
              K: layer.inputs,
              N: layer.units,
              KOFF: layer.kernelAt,
              BOFF: layer.biasAt,
              ACT: layer.activation,
              GATHER: l === 0 ? 1 : 0,
              DROP: dropping && hidden(l) ? 1 : 0,
              LAYER_BASE: layer.dropBase,
              ...dropout,
            }),
          ),
        ),
        Promise.all(layers.map((layer, l) => make('gradWeights', { K: layer.inputs, N: layer.units, KOFF: layer.kernelAt, BOFF: layer.biasAt, GATHER: l === 0 ? 1 : 0 }))),
        Promise.all(
          layers.map((layer, l) => {
            if (l === 0) return null;
            const below = layers[l - 1];
            return make('gradInput', { K: layer.inputs, N: layer.units, KOFF: layer.kernelAt, ACT: below.activation, DROP: dropping ? 1 : 0, LAYER_BASE: below.dropBase, ...dropout });
          }),
        ),
        Promise.all([
          make('loss', { O: spec.outputs, LOSS: LOSS_CODE[spec.loss], STRIDE: this.stride }),
          make('update', {
            P: this.paramCount,
            STRIDE: this.stride,
            L2: spec.l2 > 0 ? 1 : 0,
            LR: opt.learningRate,
            ...(opt.kind === 'adam'
              ? { ADAM: 1, B1: opt.beta1 ?? 0.9, B2: opt.beta2 ?? 0.999, C1: 1 - (opt.beta1 ?? 0.9), C2: 1 - (opt.beta2 ?? 0.999), EPS: opt.epsilon ?? ADAM_EPSILON }
              : { ADAM: 0 }),
          }),
          make('reduce', {}),
        ]),
      ]);
    // The error scope says why a shader failed; it must be popped whether or not creation threw.
    const built = await building.then((value) => ({ value }), (failure: unknown) => ({ failure }));
    const error = await device.popErrorScope();
    if (error) throw new Error(`internal error: the WebGPU trainer's shaders did not compile: ${error.message}`);
    if ('failure' in built) throw built.failure;
    const [forward, gradWeights, gradInput, rest] = built.value;
    this.pipelines = { forward, gradWeights, gradInput, loss: rest[0], update: rest[1], reduce: rest[2] };
  }

  async uploadData(X: Float32Array, Y: Float32Array, n: number): Promise<void> {
    const { inputs, outputs } = this.spec;
    if (X.length < n * inputs || Y.length < n * outputs) throw new SaplingError('bad-data', `The training data has fewer values than ${n} rows of ${inputs} inputs and ${outputs} outputs.`);
    const limit = this.device.limits.maxStorageBufferBindingSize;
    if (n * Math.max(inputs, outputs) * 4 > limit) throw new SaplingError('data-too-large', `${n} rows of ${inputs} columns do not fit in one GPU buffer (${Math.round(limit / 2 ** 20)} MB here).`);
    this.device.pushErrorScope('out-of-memory');
    this.releaseData();
    const X_ = this.buffer(Math.max(1, n * inputs) * 4, STORAGE | COPY_DST);
    const Y_ = this.buffer(Math.max(1, n * outputs) * 4, STORAGE | COPY_DST);
    this.device.queue.writeBuffer(X_, 0, X, 0, n * inputs);
    this.device.queue.writeBuffer(Y_, 0, Y, 0, n * outputs);
    this.data = { X: X_, Y: Y_, n };
    this.groups = null;
    const error = await this.device.popErrorScope();
    if (error) throw new SaplingError('data-too-large', `The training data does not fit in the GPU's memory: ${error.message}`);
  }

  async runEpoch(order: Int32Array, batchSize: number): Promise<number> {
    if (!this.data) throw new Error('internal error: runEpoch before uploadData');
    if (this.busy) throw new Error('internal error: runEpoch while another epoch or readback runs');
    if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new SaplingError('bad-network', `The batch size must be a whole number of at least 1 (got ${batchSize}).`);
    if (order.length === 0) return 0;
    for (const i of order) if (!(i >= 0 && i < this.data.n)) throw new Error(`internal error: row ${i} is outside the ${this.data.n} uploaded rows`);
    const rows = Math.min(batchSize, order.length);
    this.ensureCapacity(order.length, rows);
    const { device } = this;
    this.busy = true;
    try {
      device.pushErrorScope('validation');
      device.queue.writeBuffer(this.order!, 0, order);
      const plan = planSteps(order.length, batchSize, this.spec, { accBeta1: this.accBeta1, accBeta2: this.accBeta2, dropCounter: this.dropCounter });
      for (let first = 0; first < plan.steps.length; first += STEPS_PER_SUBMIT) {
        const chunk = plan.steps.slice(first, first + STEPS_PER_SUBMIT);
        device.queue.writeBuffer(this.steps, 0, encodeSteps(chunk));
        device.queue.writeBuffer(this.count, 0, new Uint32Array([chunk.length * this.stride, 0, 0, 0]));
        const encoder = device.createCommandEncoder({ label: 'dense epoch' });
        if (first === 0) encoder.clearBuffer(this.total);
        const pass = encoder.beginComputePass();
        chunk.forEach((step, slot) => this.encodeStep(pass, step, slot));
        pass.setPipeline(this.pipelines!.reduce);
        pass.setBindGroup(0, this.groups!.reduce);
        pass.dispatchWorkgroups(1);
        pass.end();
        if (first + STEPS_PER_SUBMIT >= plan.steps.length) encoder.copyBufferToBuffer(this.total, 0, this.lossReadback, 0, 4);
        device.queue.submit([encoder.finish()]);
      }
      ({ accBeta1: this.accBeta1, accBeta2: this.accBeta2, dropCounter: this.dropCounter } = plan.after);
      const error = await device.popErrorScope();
      if (error) throw new Error(`internal error: the WebGPU trainer's epoch failed: ${error.message}`);
      await this.lossReadback.mapAsync(MAP_MODE_READ);
      const sum = new Float32Array(this.lossReadback.getMappedRange())[0];
      this.lossReadback.unmap();
      return sum / plan.steps.length;
    } finally {
      this.busy = false;
    }
  }

  /** Records one optimiser step: forward per layer, loss, backward per layer, one update over every weight. */
  private encodeStep(pass: GPUComputePassEncoder, step: StepPlan, slot: number): void {
    const p = this.pipelines!;
    const g = this.groups!;
    const offset = [slot * STEP_STRIDE];
    const run = (pipeline: GPUComputePipeline, group: GPUBindGroup, x: number, y = 1) => {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, group, offset);
      pass.dispatchWorkgroups(x, y);
    };
    const tiles = (n: number) => Math.ceil(n / TILE);
    this.layers.forEach((layer, l) => run(p.forward[l], g.forward[l], tiles(layer.units), tiles(step.rows)));
    run(p.loss, g.loss, 1);
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const layer = this.layers[l];
      run(p.gradWeights[l], g.gradWeights[l], tiles(layer.units), tiles(layer.inputs + 1));
      if (l > 0) run(p.gradInput[l]!, g.gradInput[l]!, tiles(layer.inputs), tiles(step.rows));
    }
    run(p.update, g.update, this.updateGroups);
  }

  /** Grows the order and per-batch buffers when needed and rebuilds the bind groups over them. */
  private ensureCapacity(orderLength: number, rows: number): void {
    const { device, layers } = this;
    if (!this.order || this.order.size < orderLength * 4) {
      this.order?.destroy();
      this.order = this.buffer(orderLength * 4, STORAGE | COPY_DST);
      this.groups = null;
    }
    if (!this.scratch || this.scratch.rows < rows) {
      this.releaseScratch();
      const dropping = this.spec.dropout > 0;
      this.scratch = {
        rows,
        acts: layers.map((layer) => this.buffer(rows * layer.units * 4, STORAGE)),
        pre: layers.map((layer, l) => (dropping && l < this.spec.hidden.length ? this.buffer(rows * layer.units * 4, STORAGE) : null)),
        delta: layers.map((layer) => this.buffer(rows * layer.units * 4, STORAGE)),
      };
      this.groups = null;
    }
    if (this.groups) return;
    const { X, Y } = this.data!;
    const { acts, pre, delta } = this.scratch;
    const order = this.order;
    const step: GPUBindingResource = { buffer: this.steps, size: 32 };
    const group = (layout: GPUBindGroupLayout, resources: (GPUBuffer | GPUBindingResource)[]) =>
      device.createBindGroup({ layout, entries: resources.map((r, binding) => ({ binding, resource: r === step ? step : { buffer: r as GPUBuffer } })) });
    const last = layers.length - 1;
    this.groups = {
      forward: layers.map((_, l) => group(this.layouts.forward, [step, order, l === 0 ? X : acts[l - 1], this.params, acts[l], pre[l] ?? this.dummy])),
      gradWeights: layers.map((_, l) => group(this.layouts.gradWeights, [step, order, l === 0 ? X : acts[l - 1], delta[l], this.grads])),
      // The slope of a hidden layer with dropout is taken from its output before the mask.
      gradInput: layers.map((_, l) => (l === 0 ? null : group(this.layouts.gradInput, [step, delta[l], this.params, pre[l - 1] ?? acts[l - 1], delta[l - 1]]))),
      loss: group(this.layouts.loss, [step, order, Y, acts[last], delta[last], this.parts]),
      update: group(this.layouts.update, [step, this.grads, this.flags, this.params, this.m, this.v, this.parts]),
      reduce: group(this.layouts.reduce, [this.count, this.parts, this.total]),
    };
  }

  async readWeights(): Promise<DenseWeights> {
    if (this.busy) throw new Error('internal error: readWeights while an epoch runs');
    this.busy = true;
    const staging = this.buffer(this.paramCount * 4, MAP_READ | COPY_DST);
    try {
      const encoder = this.device.createCommandEncoder();
      encoder.copyBufferToBuffer(this.params, 0, staging, 0, this.paramCount * 4);
      this.device.queue.submit([encoder.finish()]);
      await staging.mapAsync(MAP_MODE_READ);
      const flat = new Float32Array(staging.getMappedRange().slice(0));
      return this.layers.flatMap((layer) => [flat.slice(layer.kernelAt, layer.biasAt), flat.slice(layer.biasAt, layer.biasAt + layer.units)]);
    } finally {
      staging.destroy();
      this.busy = false;
    }
  }

  setWeights(weights: DenseWeights): void {
    checkWeights(this.spec, weights);
    const flat = new Float32Array(this.paramCount);
    this.layers.forEach((layer, l) => {
      flat.set(weights[2 * l], layer.kernelAt);
      flat.set(weights[2 * l + 1], layer.biasAt);
    });
    this.device.queue.writeBuffer(this.params, 0, flat);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.releaseData();
    this.releaseScratch();
    this.order?.destroy();
    for (const b of [this.params, this.grads, this.m, this.v, this.flags, this.steps, this.parts, this.total, this.count, this.lossReadback, this.dummy]) b.destroy();
  }

  private buffer(size: number, usage: number): GPUBuffer {
    // Storage bindings need sizes in whole 4-byte words; uniforms are read in 16-byte rows.
    return this.device.createBuffer({ size: Math.ceil(size / 16) * 16, usage });
  }

  private releaseData(): void {
    this.data?.X.destroy();
    this.data?.Y.destroy();
    this.data = null;
  }

  private releaseScratch(): void {
    for (const b of [...(this.scratch?.acts ?? []), ...(this.scratch?.pre ?? []), ...(this.scratch?.delta ?? [])]) b?.destroy();
    this.scratch = null;
  }
}

function layoutEntry(kind: Binding, binding: number): GPUBindGroupLayoutEntry {
  if (kind === 'step') return { binding, visibility: STAGE_COMPUTE, buffer: { type: 'uniform', hasDynamicOffset: true, minBindingSize: 32 } };
  if (kind === 'uniform') return { binding, visibility: STAGE_COMPUTE, buffer: { type: 'uniform' } };
  return { binding, visibility: STAGE_COMPUTE, buffer: { type: kind === 'read' ? 'read-only-storage' : 'storage' } };
}
