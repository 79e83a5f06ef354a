import type { Rng } from '../../util/rng';

/**
 * A DQN's experience replay (Mnih et al. 2015): the last `capacity` transitions in fixed typed
 * arrays, overwritten as a ring, sampled uniformly. Nothing is allocated after construction.
 * `done` marks transitions that ended the episode for real (terminated): a time-limit cut
 * (truncated) still bootstraps from the next state, as Gymnasium's terminated/truncated split means.
 */
export class ReplayBuffer {
  readonly observations: Float32Array;
  readonly nextObservations: Float32Array;
  readonly actions: Int32Array;
  readonly rewards: Float32Array;
  readonly done: Uint8Array;
  private cursor = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    readonly observationSize: number,
  ) {
    this.observations = new Float32Array(capacity * observationSize);
    this.nextObservations = new Float32Array(capacity * observationSize);
    this.actions = new Int32Array(capacity);
    this.rewards = new Float32Array(capacity);
    this.done = new Uint8Array(capacity);
  }

  /** How many transitions it holds (at most `capacity`). */
  get size(): number {
    return this.count;
  }

  /** Stores a transition, overwriting the oldest once full. */
  push(observation: ArrayLike<number>, action: number, reward: number, next: ArrayLike<number>, done: boolean): void {
    const d = this.observationSize;
    const at = this.cursor * d;
    for (let i = 0; i < d; i++) {
      this.observations[at + i] = observation[i];
      this.nextObservations[at + i] = next[i];
    }
    this.actions[this.cursor] = action;
    this.rewards[this.cursor] = reward;
    this.done[this.cursor] = done ? 1 : 0;
    this.cursor = (this.cursor + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Fills `into` with uniformly drawn slots (with replacement, as DQN samples). */
  sample(rng: Rng, into: Int32Array): void {
    for (let i = 0; i < into.length; i++) into[i] = rng.int(this.count);
  }

  /** Copies the observations (or next observations) of `slots` into `into`, row after row. */
  gather(source: Float32Array, slots: Int32Array, into: Float32Array): void {
    const d = this.observationSize;
    for (let i = 0; i < slots.length; i++) {
      const from = slots[i] * d;
      for (let k = 0; k < d; k++) into[i * d + k] = source[from + k];
    }
  }
}
