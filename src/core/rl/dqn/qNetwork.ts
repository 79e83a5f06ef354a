import { base64ToFloat32, float32ToBase64 } from '../../util/base64';
import { SaplingError } from '../../util/errors';
import type { AgentNetwork, ControlEnvId } from '../types';

type Activation = AgentNetwork['hidden'][number]['activation'];

/** A Q-network as plain data: layer sizes and float32 weights as TF.js orders them (kernel inputs×units row-major, then bias, per layer). */
export interface QNetwork {
  readonly inputs: number;
  readonly hidden: readonly { readonly units: number; readonly activation: Activation }[];
  readonly outputs: number;
  readonly weights: readonly Float32Array[];
}

/**
 * How DQN feeds each environment's observation to its network: (observation − offset) / scale, so
 * every input is of order 1 (MountainCar's velocity is at most 0.07; unscaled it would barely move
 * the first layer). Fixed by the environment's bounds, not fitted.
 */
export const INPUT_SCALING: Readonly<Record<ControlEnvId, { readonly offset: readonly number[]; readonly scale: readonly number[] }>> = {
  cartpole: { offset: [0, 0, 0, 0], scale: [2.4, 2, 0.21, 2] },
  mountaincar: { offset: [-0.3, 0], scale: [0.9, 0.07] },
};

/** Writes the scaled observation into `into` (no allocation). */
export function scaleObservation(envId: ControlEnvId, observation: ArrayLike<number>, into: Float32Array): void {
  const { offset, scale } = INPUT_SCALING[envId];
  for (let i = 0; i < into.length; i++) into[i] = (observation[i] - offset[i]) / scale[i];
}

/**
 * The same network taking raw observations: the scaling is folded into the first layer
 * (W'ᵢⱼ = Wᵢⱼ / sᵢ, b'ⱼ = bⱼ − Σᵢ oᵢ·Wᵢⱼ / sᵢ), so a saved agent needs nothing but its weights.
 */
export function foldInputScaling(net: QNetwork, envId: ControlEnvId): QNetwork {
  const { offset, scale } = INPUT_SCALING[envId];
  const units = net.hidden.length ? net.hidden[0].units : net.outputs;
  const kernel = net.weights[0].slice();
  const bias = new Float64Array(net.weights[1]);
  for (let i = 0; i < net.inputs; i++)
    for (let j = 0; j < units; j++) {
      const w = net.weights[0][i * units + j] / scale[i];
      kernel[i * units + j] = w;
      bias[j] -= offset[i] * w;
    }
  return { ...net, weights: [kernel, Float32Array.from(bias), ...net.weights.slice(2)] };
}

/** Layer widths [inputs, hidden…, outputs]. */
function sizesOf(net: Pick<QNetwork, 'inputs' | 'hidden' | 'outputs'>): number[] {
  return [net.inputs, ...net.hidden.map((h) => h.units), net.outputs];
}

/** Throws a SaplingError unless the weights fit the layer sizes. */
export function checkQNetwork(net: QNetwork, where: string): void {
  const sizes = sizesOf(net);
  if (sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new SaplingError('bad-agent', `${where}: every layer needs at least one unit (got ${sizes.join('→')})`);
  const ok = net.weights.length === 2 * (sizes.length - 1) && sizes.slice(1).every((u, l) => net.weights[2 * l].length === sizes[l] * u && net.weights[2 * l + 1].length === u);
  if (!ok) throw new SaplingError('bad-agent', `${where}: the weights do not fit a ${sizes.join('→')} network`);
}

/** The network as the agent file stores it (weights as base64 of little-endian float32). */
export function toAgentNetwork(net: QNetwork): AgentNetwork {
  return { inputs: net.inputs, hidden: net.hidden.map((h) => ({ ...h })), outputs: net.outputs, weights: net.weights.map(float32ToBase64) };
}

/** The network from an agent file's `network`, its shapes checked. */
export function fromAgentNetwork(agent: AgentNetwork): QNetwork {
  const sizes = sizesOf(agent);
  if (!Array.isArray(agent.weights) || agent.weights.length !== 2 * (sizes.length - 1) || agent.weights.some((w) => typeof w !== 'string')) {
    throw new SaplingError('bad-agent', `agent file: network.weights must hold ${2 * (sizes.length - 1)} base64 strings (kernel and bias per layer)`);
  }
  let weights: Float32Array[];
  try {
    weights = agent.weights.map((w, i) => base64ToFloat32(w, i % 2 === 0 ? sizes[i >> 1] * sizes[(i >> 1) + 1] : sizes[(i >> 1) + 1]));
  } catch {
    throw new SaplingError('bad-agent', `agent file: network.weights do not fit a ${sizes.join('→')} network`);
  }
  const net = { inputs: agent.inputs, hidden: agent.hidden, outputs: agent.outputs, weights };
  checkQNetwork(net, 'agent file: network');
  return net;
}

/** An activation in float32, as the dense trainer computes it. */
function activate(act: Activation, x: number): number {
  switch (act) {
    case 'relu':
      return x > 0 ? x : 0;
    case 'tanh':
      return Math.fround(Math.tanh(x));
    case 'sigmoid':
      return Math.fround(1 / (1 + Math.exp(-x)));
    case 'elu':
      return x > 0 ? x : Math.fround(Math.exp(x) - 1);
    default:
      return x;
  }
}

/** Plays a Q-network without learning: its Q-values and greedy action for one observation at a time. */
export interface GreedyPlayer {
  /** Q-values of one observation (a view reused by the next call). */
  q(observation: ArrayLike<number>): Float32Array;
  /** The action with the largest Q-value (ties go to the lowest action, as NumPy's argmax). */
  act(observation: ArrayLike<number>): number;
}

/** A greedy player over a network's weights: a plain forward pass with buffers made once. */
export function createGreedyPlayer(net: QNetwork): GreedyPlayer {
  checkQNetwork(net, 'Q-network');
  const sizes = sizesOf(net);
  const layers = sizes.map((s) => new Float32Array(s));
  const q = (observation: ArrayLike<number>): Float32Array => {
    for (let i = 0; i < net.inputs; i++) layers[0][i] = observation[i];
    for (let l = 1; l < sizes.length; l++) {
      const input = layers[l - 1];
      const out = layers[l];
      const kernel = net.weights[2 * l - 2];
      const bias = net.weights[2 * l - 1];
      const act: Activation = l === sizes.length - 1 ? 'linear' : net.hidden[l - 1].activation;
      const nIn = sizes[l - 1];
      const nOut = sizes[l];
      for (let j = 0; j < nOut; j++) {
        let s = 0;
        for (let k = 0; k < nIn; k++) s += input[k] * kernel[k * nOut + j];
        out[j] = activate(act, Math.fround(Math.fround(s) + bias[j]));
      }
    }
    return layers[sizes.length - 1];
  };
  return { q, act: (observation) => argmax(q(observation)) };
}

/** The index of the largest value (the first on ties). */
export function argmax(values: ArrayLike<number>, from = 0, count = values.length - from): number {
  let best = 0;
  for (let j = 1; j < count; j++) if (values[from + j] > values[from + best]) best = j;
  return best;
}
