import { createDenseTrainer } from '../../models/mlp/dense';
import type { DenseSpec, DenseTrainer, DenseWeights } from '../../models/mlp/dense';
import { CancelledError } from '../../util/errors';
import { createRng, range } from '../../util/rng';
import type { Rng } from '../../util/rng';
import { CONTROL_ENVS } from '../envs/control';
import type { ControlEnv, ControlEnvId, EpisodeLog, RlHooks } from '../types';
import { evaluatePolicy } from './evaluate';
import type { DqnParams } from './params';
import { argmax, createGreedyPlayer, foldInputScaling, scaleObservation } from './qNetwork';
import type { QNetwork } from './qNetwork';
import { ReplayBuffer } from './replayBuffer';
import { epsilonAt } from './schedule';

/** One check of the greedy policy during training. */
export interface DqnCheck {
  readonly episode: number;
  readonly steps: number;
  readonly meanReturn: number;
}

/** What a DQN run returns: plain data (the network's weights are float32 arrays). */
export interface DqnResult {
  readonly algo: 'dqn';
  readonly env: ControlEnvId;
  /** The kept network (the best check's, or the last when checks are off), taking raw observations. */
  readonly network: QNetwork;
  readonly curve: readonly EpisodeLog[];
  readonly checks: readonly DqnCheck[];
  /** Episodes and environment steps trained. */
  readonly episodes: number;
  readonly steps: number;
  /** Network updates (batches) made. */
  readonly updates: number;
  /** Why training ended, in words. */
  readonly stopReason: string;
  /** Which dense trainer did the updates ('reference', 'wasm', …). */
  readonly trainer: string;
}

/** How often (ms) the loop lets the host's event loop run, as trainLoop.ts does. */
const YIELD_EVERY_MS = 25;

/** The random streams of a run from its seed: play and replay sampling, the checks' games, and the initial weights' seed. */
export function dqnStreams(seed: number): { rng: Rng; evalRng: Rng; networkSeed: number } {
  const rng = createRng(seed);
  const evalRng = createRng(rng.uint32());
  return { rng, evalRng, networkSeed: rng.uint32() };
}

/** The Q-network's trainer spec: Huber loss on the taken action's Q (the other outputs' targets are NaN), Adam. */
export function dqnSpec(env: ControlEnv, params: DqnParams, seed: number): DenseSpec {
  return {
    inputs: env.observationSize,
    hidden: Array.from({ length: params.hiddenLayers }, () => ({ units: params.hiddenUnits, activation: params.activation })),
    outputs: env.nActions,
    loss: 'huber',
    dropout: 0,
    l2: 0,
    optimizer: { kind: 'adam', learningRate: params.alpha },
    seed,
  };
}

/**
 * Deep Q-learning (Mnih et al. 2015) on a control environment: ε-greedy play into a replay memory,
 * one batch update every `trainEvery` steps towards r + γ·max Q_target(s′) (double DQN: the online
 * network picks the action, the target network values it), the target network copied every
 * `targetUpdateEvery` steps or moved softly by τ. Every `evalEvery` episodes the greedy policy plays
 * `evalEpisodes` test games on its own environment and random stream; the best network is kept and
 * training stops once a check reaches `stopAtReturn`.
 */
export async function runDqn(envId: ControlEnvId, params: DqnParams, hooks: RlHooks = {}): Promise<DqnResult> {
  const info = CONTROL_ENVS[envId];
  const env = info.create();
  const { rng, evalRng, networkSeed } = dqnStreams(params.seed);
  const spec = dqnSpec(env, params, networkSeed);
  const online = createDenseTrainer(spec);
  const target = createDenseTrainer(spec);
  try {
    target.setWeights(online.getWeights());
    const run = new DqnLoop(envId, env, params, rng, online, target);
    const curve: EpisodeLog[] = [];
    const checks: DqnCheck[] = [];
    let best: { meanReturn: number; weights: DenseWeights } | null = null;
    let stopReason = `ran all ${params.episodes} episodes`;
    let lastYield = Date.now();
    for (let episode = 1; episode <= params.episodes; episode++) {
      if (hooks.shouldStop?.()) throw new CancelledError();
      if (hooks.yieldToEvents && Date.now() - lastYield >= YIELD_EVERY_MS) {
        await hooks.yieldToEvents();
        lastYield = Date.now();
      }
      const log = run.episode(episode, hooks.onStep);
      curve.push(log);
      hooks.onEpisode?.(log);
      if (params.evalEvery > 0 && episode % params.evalEvery === 0) {
        const weights = online.getWeights();
        const player = createGreedyPlayer(networkOf(spec, weights, envId));
        const meanReturn = evaluatePolicy(info.create(), player.act, params.evalEpisodes, evalRng, info.succeeded, hooks.shouldStop).mean_return;
        checks.push({ episode, steps: run.steps, meanReturn });
        if (!best || meanReturn > best.meanReturn) best = { meanReturn, weights };
        if (meanReturn >= params.stopAtReturn) {
          stopReason = `a check reached a mean return of ${meanReturn} (target ${params.stopAtReturn}) after ${episode} episodes`;
          break;
        }
      }
    }
    const kept = best ? best.weights : online.getWeights();
    return {
      algo: 'dqn',
      env: envId,
      network: networkOf(spec, kept, envId),
      curve,
      checks,
      episodes: curve.length,
      steps: run.steps,
      updates: run.updates,
      stopReason: best && !stopReason.startsWith('a check') ? `${stopReason}; kept the network of the best check (mean return ${best.meanReturn})` : stopReason,
      trainer: online.kind ?? 'dense',
    };
  } finally {
    online.dispose();
    target.dispose();
  }
}

/** The trained weights as a network over raw observations. */
function networkOf(spec: DenseSpec, weights: DenseWeights, envId: ControlEnvId): QNetwork {
  return foldInputScaling({ inputs: spec.inputs, hidden: spec.hidden, outputs: spec.outputs, weights }, envId);
}

/** The step-by-step state of a DQN run: buffers made once, nothing allocated per step but the trainer's own outputs. */
class DqnLoop {
  steps = 0;
  updates = 0;
  /** Steps the current exploring action is still held for (ε-z-greedy). */
  private repeatLeft = 0;
  private repeatAction = 0;
  private readonly buffer: ReplayBuffer;
  private current: Float32Array;
  private next: Float32Array;
  private readonly slots: Int32Array;
  private readonly rows: Int32Array;
  private readonly X: Float32Array;
  private readonly nextX: Float32Array;
  private readonly Y: Float32Array;

  constructor(
    private readonly envId: ControlEnvId,
    private readonly env: ControlEnv,
    private readonly params: DqnParams,
    private readonly rng: Rng,
    private readonly online: DenseTrainer,
    private readonly target: DenseTrainer,
  ) {
    const d = env.observationSize;
    const b = params.batchSize;
    this.buffer = new ReplayBuffer(params.bufferSize, d);
    this.current = new Float32Array(d);
    this.next = new Float32Array(d);
    this.slots = new Int32Array(b);
    this.rows = range(b);
    this.X = new Float32Array(b * d);
    this.nextX = new Float32Array(b * d);
    this.Y = new Float32Array(b * env.nActions);
  }

  /** Plays one ε-greedy episode, learning as it goes; `onStep` sees each observation as the environment gives it. */
  episode(episode: number, onStep?: RlHooks['onStep']): EpisodeLog {
    const p = this.params;
    scaleObservation(this.envId, this.env.reset(this.rng), this.current);
    let total = 0;
    let steps = 0;
    let epsilon: number;
    this.repeatLeft = 0;
    for (;;) {
      epsilon = this.epsilon();
      let action: number;
      if (this.repeatLeft > 0) {
        this.repeatLeft--;
        action = this.repeatAction;
      } else if (this.rng.next() < epsilon) {
        // ε-z-greedy (Dabney et al. 2021): an exploring action is held for 1…exploreRepeat steps.
        action = this.repeatAction = this.rng.int(this.env.nActions);
        this.repeatLeft = p.exploreRepeat > 1 ? this.rng.int(p.exploreRepeat) : 0;
      } else action = argmax(this.online.forward(this.current, 1));
      const r = this.env.step(action);
      onStep?.(r.observation, episode);
      scaleObservation(this.envId, r.observation, this.next);
      this.buffer.push(this.current, action, r.reward, this.next, r.terminated);
      this.steps++;
      steps++;
      total += r.reward;
      if (this.steps >= p.learningStarts && this.buffer.size >= p.batchSize && this.steps % p.trainEvery === 0) this.update();
      if (p.tau === 0 && this.steps % p.targetUpdateEvery === 0) this.target.setWeights(this.online.getWeights());
      [this.current, this.next] = [this.next, this.current];
      if (r.terminated || r.truncated) break;
    }
    return { episode, return: total, steps, epsilon };
  }

  private epsilon(): number {
    const p = this.params;
    return epsilonAt(p.epsilonSchedule, this.steps, p.epsilon, p.epsilonMin, p.epsilonDecaySteps);
  }

  /** One batch: targets r + γ·(1 − done)·Q_target(s′, a*) on the taken actions, NaN elsewhere. */
  private update(): void {
    const { buffer, slots, params: p } = this;
    const nA = this.env.nActions;
    const b = slots.length;
    buffer.sample(this.rng, slots);
    buffer.gather(buffer.observations, slots, this.X);
    buffer.gather(buffer.nextObservations, slots, this.nextX);
    const qTarget = this.target.forward(this.nextX, b);
    const qOnline = p.doubleDqn ? this.online.forward(this.nextX, b) : null;
    this.Y.fill(NaN);
    for (let i = 0; i < b; i++) {
      const slot = slots[i];
      let value = 0;
      if (!buffer.done[slot]) {
        const a = argmax(qOnline ?? qTarget, i * nA, nA);
        value = qTarget[i * nA + a];
      }
      this.Y[i * nA + buffer.actions[slot]] = buffer.rewards[slot] + p.gamma * value;
    }
    this.online.step(this.X, this.Y, this.rows);
    this.updates++;
    if (p.tau > 0) this.softUpdate(p.tau);
  }

  /** target ← τ·online + (1 − τ)·target. */
  private softUpdate(tau: number): void {
    const o = this.online.getWeights();
    const t = this.target.getWeights();
    for (let a = 0; a < t.length; a++) for (let i = 0; i < t[a].length; i++) t[a][i] = tau * o[a][i] + (1 - tau) * t[a][i];
    this.target.setWeights(t);
  }
}
