import type { CellKind, CustomGridSpec, EpisodeLog } from '../core/rl/types';
import { errorMessage, isCancelled } from '../core/util/errors';
import { type RlClient, startRl } from '../workers/rlClient';
import { type LabEnvChoice, type LabEnvId, type LabOutcome, type LabProgress, isGridEnv } from '../workers/rlProtocol';
import { callback } from '../workers/client';
import { type Job, type JobEvent, jobReducer } from './job';
import { INITIAL_LAB, type LabState, lab } from './labStore';
import { defaultAlgoFor } from './labCatalog';

/**
 * What the lab does, as plain functions over its store and its worker (STYLE.md §6). The worker is
 * started on first use; a training that does not stop within `CANCEL_GRACE_MS` of Cancel has its
 * worker thrown away and a new one started, so Cancel always works.
 */

let worker: { rl: RlClient; terminate: () => void } | null = null;
/** Counts trainings, so events of one that was abandoned never touch a newer one. */
let runs = 0;

/** How long a cancelled training may take to notice before its worker is replaced, in ms. */
const CANCEL_GRACE_MS = 2000;
/** Episodes reach the store at most this often, in ms (a tabular learner plays thousands a second). */
const EPISODE_FLUSH_MS = 150;

function set(patch: Partial<LabState> | ((s: LabState) => Partial<LabState>)): void {
  lab.setState(patch);
}

function dispatch(key: 'training' | 'rollout', event: JobEvent<never> | JobEvent<unknown>): void {
  set((s) => ({ [key]: jobReducer(s[key] as Job<unknown>, event as JobEvent<unknown>) }) as Partial<LabState>);
}

function rl(): RlClient {
  worker ??= startRl((message) => {
    worker = null;
    set((s) => ({ training: jobReducer(s.training, { type: 'fail', error: `The lab’s worker stopped (${message}). Try again.` }) }));
  });
  return worker.rl;
}

/** Shows the lab instead of the lifecycle, and draws the picked grid. */
export function openLab(): void {
  set({ open: true });
  void describe();
}

/** Back to the lifecycle (a training goes on in its worker). */
export function closeLab(): void {
  set({ open: false });
}

/** Picks an environment; the algorithm follows when it does not fit (DQN for control, value iteration for grids). */
export function chooseEnv(id: LabEnvId): void {
  set((s) => ({ env: { ...s.env, id }, algo: defaultAlgoFor(id, s.algo), ...cleared() }));
  void describe();
}

/** FrozenLake's slip on or off. */
export function setSlippery(slippery: boolean): void {
  set((s) => ({ env: { ...s.env, slippery, custom: { ...s.env.custom, slippery } }, ...cleared() }));
  void describe();
}

/** Changes the hand-drawn grid (a cell, its size, its rewards). */
export function editCustom(change: (grid: CustomGridSpec) => CustomGridSpec): void {
  set((s) => ({ env: { ...s.env, custom: change(s.env.custom) }, ...cleared() }));
  void describe();
}

/** The order a cell cycles through when clicked (a second start moves the start). */
export const CELL_CYCLE: readonly CellKind[] = ['free', 'wall', 'hole', 'reward', 'goal', 'start'];

/** The grid with cell `i` turned to the next kind of CELL_CYCLE; making it the start turns the old start free. */
export function cycleCell(grid: CustomGridSpec, i: number): CustomGridSpec {
  const next = CELL_CYCLE[(CELL_CYCLE.indexOf(grid.cells[i]) + 1) % CELL_CYCLE.length];
  return setCell(grid, i, next);
}

/** The grid with cell `i` made `kind` (one start only: the old start becomes free). */
export function setCell(grid: CustomGridSpec, i: number, kind: CellKind): CustomGridSpec {
  const cells = grid.cells.map((c, j) => (j === i ? kind : kind === 'start' && c === 'start' ? 'free' : c));
  return { ...grid, cells };
}

/** The grid resized to rows × cols, keeping the cells that still fit (and a start and a goal). */
export function resizeGrid(grid: CustomGridSpec, rows: number, cols: number): CustomGridSpec {
  const cells: CellKind[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) cells.push(r < grid.rows && c < grid.cols ? grid.cells[r * grid.cols + c] : 'free');
  if (!cells.includes('start')) cells[0] = 'start';
  if (!cells.includes('goal')) cells[cells.length - 1] = cells[cells.length - 1] === 'start' ? 'start' : 'goal';
  return { ...grid, rows, cols, cells };
}

/** Picks an algorithm. */
export function chooseAlgo(algo: string): void {
  set({ algo });
}

/** Sets one of the current algorithm's parameters. */
export function setParam(key: string, value: unknown): void {
  set((s) => ({ params: { ...s.params, [s.algo]: { ...s.params[s.algo], [key]: value } } }));
}

/** A trained result and the player belong to the settings they came from: a change clears them. */
function cleared(): Partial<LabState> {
  return lab.getState().training.state === 'running' ? {} : { training: { state: 'idle' }, curve: [], frame: null, agentFrom: null, rollout: { state: 'idle' } };
}

/** Asks the worker for the picked grid world as drawn (a bad custom grid shows its error). */
async function describe(): Promise<void> {
  const env = lab.getState().env;
  if (!isGridEnv(env.id)) {
    set({ picture: null, gridError: null });
    return;
  }
  try {
    const picture = await rl().describe(env);
    if (lab.getState().env === env) set({ picture, gridError: null });
  } catch (e) {
    if (lab.getState().env === env) set({ picture: null, gridError: errorMessage(e) });
  }
}

/** Trains the picked algorithm on the picked environment in the worker, streaming its episodes. */
export async function train(): Promise<void> {
  const { env, algo, params } = lab.getState();
  const run = ++runs;
  set({ curve: [], frame: null, agentFrom: null, rollout: { state: 'idle' } });
  dispatch('training', { type: 'start' });
  const progress = episodeStream(run);
  try {
    const outcome = await rl().train({ env, algo, params: params[algo] ?? {} }, callback(progress.onProgress));
    progress.close();
    if (run !== runs) return;
    set({ curve: outcome.curve, agentFrom: 'trained here' });
    dispatch('training', { type: 'succeed', result: outcome });
  } catch (e) {
    progress.close();
    if (run !== runs) return;
    dispatch('training', isCancelled(e) ? { type: 'cancel' } : { type: 'fail', error: errorMessage(e) });
  }
}

/**
 * Progress of training `run` into the store, episodes batched (see EPISODE_FLUSH_MS). `close` stops
 * it: progress crosses on the callback's own port and can land after the run's answer, when the
 * finished curve is already shown (appending it again drew the curve twice).
 */
function episodeStream(run: number): { onProgress: (p: LabProgress) => void; close: () => void } {
  let held: EpisodeLog[] = [];
  let closed = false;
  let fraction = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!held.length || run !== runs) return;
    const logs = held;
    held = [];
    set((s) => ({ curve: [...s.curve, ...logs] }));
    const last = logs[logs.length - 1];
    dispatch('training', { type: 'progress', progress: { stage: `episode ${last.episode.toLocaleString('en-US')}`, fraction } });
  };
  const onProgress = (p: LabProgress) => {
    if (run !== runs || closed) return;
    if (p.kind === 'episodes') {
      held.push(...p.logs);
      fraction = p.fraction;
      timer ??= setTimeout(flush, EPISODE_FLUSH_MS);
    } else if (p.kind === 'frame') {
      set({ frame: p.observation });
    } else {
      dispatch('training', { type: 'progress', progress: { stage: p.stage, fraction: p.fraction } });
    }
  };
  const close = () => {
    closed = true;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    held = [];
  };
  return { onProgress, close };
}

/** Stops the running training; if its worker does not answer in time, replaces the worker. */
export function cancelTraining(): void {
  const current = worker;
  if (!current || lab.getState().training.state !== 'running') return;
  void current.rl.cancel();
  const run = runs;
  setTimeout(() => {
    if (run !== runs || lab.getState().training.state !== 'running') return;
    current.terminate();
    if (worker === current) worker = null;
    runs++;
    dispatch('training', { type: 'cancel' });
  }, CANCEL_GRACE_MS);
}

/** Plays one episode with the shown agent's greedy policy, without learning, for the player. */
export async function runAgent(seed: number): Promise<void> {
  const outcome = lab.getState().training.result;
  if (!outcome) return;
  dispatch('rollout', { type: 'start' });
  try {
    const rollout = await rl().play(outcome.agentJson, seed);
    dispatch('rollout', { type: 'succeed', result: rollout });
  } catch (e) {
    dispatch('rollout', { type: 'fail', error: errorMessage(e) });
  }
}

/** Reads an agent file: checked by the worker; shown as if trained here, or its error beside Load. */
export async function loadAgent(file: File): Promise<void> {
  set({ loadError: null });
  let outcome: LabOutcome;
  try {
    outcome = await rl().load(await file.text());
  } catch (e) {
    set({ loadError: `${file.name} is not an agent Sapling can load: ${errorMessage(e)}` });
    return;
  }
  const env: LabEnvChoice = outcome.env;
  runs++;
  set({
    env,
    algo: outcome.algo,
    picture: outcome.kind === 'grid' ? outcome.grid : null,
    curve: outcome.curve,
    frame: null,
    agentFrom: file.name,
    rollout: { state: 'idle' },
    training: { state: 'succeeded', result: outcome },
  });
}

/** The agent file's name for a download. */
export function agentFileName(outcome: LabOutcome): string {
  return `agent-${outcome.env.id}-${outcome.algo}.json`;
}

/** Back to a fresh lab (tests). */
export function resetLab(): void {
  worker?.terminate();
  worker = null;
  runs++;
  set(INITIAL_LAB);
}
