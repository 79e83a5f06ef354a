import type { ParamsOf } from '../params';
import { CancelledError } from '../util/errors';
import { POLICY_ITERATION_PARAMS, VALUE_ITERATION_PARAMS } from './params';
import { greedyAction, lookahead, TIE_TOLERANCE } from './qtable';
import type { GridAlgorithm, GridWorld, RlHooks, TabularResult } from './types';

/**
 * The exact planners (Sutton & Barto ch. 4), which read the world's dynamics P[s][a]: the answer the
 * learners are compared against.
 */

/** Yields to the host every this many sweeps (a sweep over a 400-cell grid is well under a millisecond). */
const SWEEPS_PER_YIELD = 50;

async function checkIn(hooks: RlHooks, iteration: number): Promise<void> {
  if (hooks.shouldStop?.()) throw new CancelledError();
  if (iteration % SWEEPS_PER_YIELD === 0) await hooks.yieldToEvents?.();
}

/** Q of `values` by one-step lookahead, and the greedy policy from it. */
function finish(env: GridWorld, algo: TabularResult['algo'], values: Float64Array, gamma: number, iterations: number): TabularResult {
  const q: number[][] = [];
  for (let s = 0; s < env.nStates; s++) q.push(Array.from({ length: env.nActions }, (_, a) => (env.terminal[s] ? 0 : lookahead(env, values, gamma, s, a))));
  return { algo, q, values: Array.from(values), policy: q.map((row) => greedyAction(row)), curve: [], iterations };
}

/**
 * Value iteration: synchronous Bellman optimality sweeps V(s) ← max_a Σ p·(r + γV(s')) until no value
 * moves by more than θ (or maxIterations sweeps). Terminal states keep value 0.
 */
export async function runValueIteration(env: GridWorld, params: ParamsOf<typeof VALUE_ITERATION_PARAMS>, hooks: RlHooks = {}): Promise<TabularResult> {
  let values = new Float64Array(env.nStates);
  let iteration = 0;
  while (iteration < params.maxIterations) {
    iteration++;
    const next = new Float64Array(env.nStates);
    let delta = 0;
    for (let s = 0; s < env.nStates; s++) {
      if (env.terminal[s]) continue;
      let best = -Infinity;
      for (let a = 0; a < env.nActions; a++) best = Math.max(best, lookahead(env, values, params.gamma, s, a));
      next[s] = best;
      delta = Math.max(delta, Math.abs(best - values[s]));
    }
    values = next;
    hooks.onSweep?.({ iteration, delta, values: Array.from(values) });
    if (delta < params.theta) break;
    await checkIn(hooks, iteration);
  }
  return finish(env, 'value-iteration', values, params.gamma, iteration);
}

/**
 * Policy iteration: evaluate the current policy (all 0 at first) by in-place sweeps to θ, then make it
 * greedy; stop when no state changes its action. An action is replaced only by one better by more than the tie
 * tolerance, so equally good actions cannot make it cycle forever.
 */
export async function runPolicyIteration(env: GridWorld, params: ParamsOf<typeof POLICY_ITERATION_PARAMS>, hooks: RlHooks = {}): Promise<TabularResult> {
  const values = new Float64Array(env.nStates);
  const policy = new Int32Array(env.nStates);
  let round = 0;
  let sweeps = 0;
  // maxIterations caps the evaluation sweeps in all (a policy that never ends an episode with γ = 1 has no finite value).
  while (sweeps < params.maxIterations) {
    round++;
    // Policy evaluation (in place, Sutton & Barto's "iterative policy evaluation").
    for (;;) {
      sweeps++;
      let delta = 0;
      for (let s = 0; s < env.nStates; s++) {
        if (env.terminal[s]) continue;
        const v = lookahead(env, values, params.gamma, s, policy[s]);
        delta = Math.max(delta, Math.abs(v - values[s]));
        values[s] = v;
      }
      hooks.onSweep?.({ iteration: sweeps, delta, values: Array.from(values) });
      await checkIn(hooks, sweeps);
      if (delta < params.theta || sweeps >= params.maxIterations) break;
    }
    // Policy improvement.
    let stable = true;
    for (let s = 0; s < env.nStates; s++) {
      if (env.terminal[s]) continue;
      const q = Array.from({ length: env.nActions }, (_, a) => lookahead(env, values, params.gamma, s, a));
      const best = greedyAction(q);
      if (q[best] > q[policy[s]] + TIE_TOLERANCE * Math.max(1, Math.abs(q[best]))) {
        policy[s] = best;
        stable = false;
      }
    }
    if (stable) break;
  }
  return finish(env, 'policy-iteration', values, params.gamma, round);
}

/** Value iteration as a catalog entry. */
export const VALUE_ITERATION: GridAlgorithm<typeof VALUE_ITERATION_PARAMS> = {
  id: 'value-iteration',
  label: 'Value iteration',
  help: 'Knows the rules of the world (where each move can lead and with what chance) and sweeps over every cell, improving each value from its neighbours until nothing changes. The exact answer the learners are compared with.',
  exact: true,
  schema: VALUE_ITERATION_PARAMS,
  run: runValueIteration,
};

/** Policy iteration as a catalog entry. */
export const POLICY_ITERATION: GridAlgorithm<typeof POLICY_ITERATION_PARAMS> = {
  id: 'policy-iteration',
  label: 'Policy iteration',
  help: 'Also knows the rules. It takes a plan, works out exactly how good it is, then switches every cell to its best move under those values, and repeats until the plan stops changing. Reaches the same answer as value iteration in a few rounds.',
  exact: true,
  schema: POLICY_ITERATION_PARAMS,
  run: runPolicyIteration,
};
