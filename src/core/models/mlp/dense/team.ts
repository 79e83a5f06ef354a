import type { DenseKernelVariant } from './kernelModule';
import { denseInstance } from './kernelModule';
import { awaitChange, awaitValue } from '../../../util/shared';

/**
 * The dense trainer's batch split over two threads, as boosting's histogram team does it
 * (trees/histogramTeam.ts): the trainer's buffers live in a shared WebAssembly memory; for a step
 * the caller writes the helper's part of the batch (a second config block, see dense.wat) and
 * bumps REQUEST; the helper runs `gradients` over its rows into its own gradient region while the
 * caller runs its own; the caller waits for DONE, adds the two and updates. They meet through
 * Atomics.wait / notify on a little control block, spinning a moment first, since a step takes
 * tens to hundreds of microseconds and waking a sleeping thread can take as long.
 */

/** What the caller hands the host for its helper thread: the memory, and which kernels to run over it. */
export interface DenseTeamMemory {
  readonly memory: WebAssembly.Memory;
  readonly variant: DenseKernelVariant;
  readonly control: Int32Array;
}

// Slots of the control block.
const REQUEST = 0;
const DONE = 1;
/** The byte offset of the config block the helper runs. */
const CONFIG = 2;
const STOP = 3;
const READY = 4;
const CONTROL_SLOTS = 5;

/** A team's memory over a trainer's shared WebAssembly memory. */
export function denseTeamMemory(memory: WebAssembly.Memory, variant: DenseKernelVariant): DenseTeamMemory {
  return { memory, variant, control: new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4)) };
}

/** Whether the helper has started serving (it sets READY first). */
export function denseHelperReady(team: DenseTeamMemory): boolean {
  return Atomics.load(team.control, READY) === 1;
}

/**
 * The helper's side: runs `gradients` over each requested config block until told to stop. Runs
 * in a helper thread and blocks it for the length of a training run.
 */
export function serveDenseHelper(team: DenseTeamMemory): void {
  const { control } = team;
  const { gradients } = denseInstance(team.memory, team.variant, true);
  let seen = Atomics.load(control, REQUEST);
  Atomics.store(control, READY, 1);
  for (;;) {
    if (Atomics.load(control, STOP)) return;
    awaitChange(control, REQUEST, seen);
    seen = Atomics.load(control, REQUEST);
    if (Atomics.load(control, STOP)) return;
    gradients(control[CONFIG]);
    Atomics.store(control, DONE, seen);
    Atomics.notify(control, DONE);
  }
}

/** The caller's side of a team. */
export class DenseTeam {
  private started = false;

  constructor(readonly memory: DenseTeamMemory) {}

  /** Whether the helper serves yet (a thread loading the bundle takes a moment; until then the caller goes alone). */
  get ready(): boolean {
    if (!this.started) this.started = denseHelperReady(this.memory);
    return this.started;
  }

  /** Runs `own` here while the helper runs `gradients` on the config block at `config`; returns when both are done. */
  together(config: number, own: () => void): void {
    const { control } = this.memory;
    control[CONFIG] = config;
    const request = Atomics.add(control, REQUEST, 1) + 1;
    Atomics.notify(control, REQUEST);
    own();
    awaitValue(control, DONE, request, 'the dense trainer helper thread');
  }

  /** Lets the helper return. */
  stop(): void {
    const { control } = this.memory;
    Atomics.store(control, STOP, 1);
    Atomics.add(control, REQUEST, 1);
    Atomics.notify(control, REQUEST);
  }
}
