/**
 * `npm run bench -- rl`: issue 17's verifications of the RL lab, with the figures the README quotes.
 * The section is a list of parts (RL_BENCH_PARTS); the DQN part appends its CartPole rows there.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { rollout } from '../src/core/rl/evaluate';
import { runPolicyIteration, runValueIteration } from '../src/core/rl/planning';
import { resolveRunParams, runGridAgent } from '../src/core/rl/runGrid';
import { runTd } from '../src/core/rl/td';
import { cliffWalking, frozenLake } from '../src/core/rl/worlds';
import { createRng } from '../src/core/util/rng';
import { dqnBench } from './rlDqn';

/** One part of the `rl` section: prints its lines through `say`. */
export type RlBenchPart = (say: (line: string) => void) => Promise<void>;

const SEEDS = [1, 2, 3, 4, 5];
const EVALUATION_EPISODES = 10_000;

/** Value iteration against the independent NumPy solution; policy iteration against value iteration. */
async function exactPart(say: (line: string) => void): Promise<void> {
  const lake = frozenLake('4x4', true);
  const exact = { gamma: 0.99, theta: 1e-10, maxIterations: 100_000 };
  const t0 = performance.now();
  const vi = await runValueIteration(lake, exact);
  const viMs = performance.now() - t0;
  const pi = await runPolicyIteration(lake, exact);
  const script = join(import.meta.dirname, '..', 'scripts', 'rl-frozenlake-reference.py');
  const r = spawnSync('/usr/bin/python3', [script], { encoding: 'utf8' });
  const match = /values = \[([^\]]*)\]/.exec(r.stdout);
  say('**Exact planners, FrozenLake 4×4 slippery, γ 0.99.**');
  if (match) {
    const reference = match[1].split(',').map(Number);
    const error = Math.max(...vi.values.map((v, s) => Math.abs(v - reference[s])));
    say(`Value iteration (θ 1e-10): ${vi.iterations} sweeps, ${viMs.toFixed(0)} ms; largest difference from scripts/rl-frozenlake-reference.py (NumPy, exact linear solves) **${error.toExponential(1)}** (goal ≤ 1e-6); V(start) ${vi.values[0].toFixed(6)}.`);
  } else {
    say(`(the NumPy reference did not run: ${r.stderr.trim().split('\n').at(-1) ?? 'no output'})`);
  }
  const same = pi.policy.every((a, s) => a === vi.policy[s]);
  say(`Policy iteration: ${pi.iterations} improvement rounds, policy ${same ? '**equal**' : '**different**'} to value iteration's. Value iteration's greedy policy succeeds in ${(100 * (await runGridAgent({ env: { id: 'frozenlake', slippery: true }, algo: 'value-iteration' })).evaluation.success_rate).toFixed(1)}% of ${EVALUATION_EPISODES.toLocaleString('en-US')} episodes (the optimum to compare the learners with).`);
  say('');
}

/** Q-learning's default preset on FrozenLake 4×4 slippery, 5 seeds. */
async function qLearningPart(say: (line: string) => void): Promise<void> {
  const params = resolveRunParams('q-learning', { id: 'frozenlake', slippery: true });
  say(`**Q-learning, FrozenLake 4×4 slippery, default preset** (γ ${params.gamma}, α ${params.alpha}, ε ${params.epsilon} ×${params.epsilonDecay} per episode down to ${params.epsilonMin}, ${Number(params.episodes).toLocaleString('en-US')} episodes); greedy policy over ${EVALUATION_EPISODES.toLocaleString('en-US')} episodes:`);
  say('');
  say('| seed | success rate | mean return | learning seconds |');
  say('| --- | --- | --- | --- |');
  let passed = 0;
  for (const seed of SEEDS) {
    const t0 = performance.now();
    const run = await runGridAgent({ env: { id: 'frozenlake', slippery: true }, algo: 'q-learning', params: { seed }, evaluationSeed: 1000 + seed });
    const seconds = (performance.now() - t0) / 1000;
    if (run.evaluation.success_rate >= 0.7) passed++;
    say(`| ${seed} | ${(100 * run.evaluation.success_rate).toFixed(1)}% | ${run.evaluation.mean_return.toFixed(4)} | ${seconds.toFixed(2)} |`);
  }
  say('');
  say(`**${passed} of ${SEEDS.length}** seeds reach Gymnasium's threshold of 70% (seconds include the 10,000-episode evaluation).`);
  say('');
}

/** Sutton & Barto, Example 6.6: the greedy paths of Q-learning and SARSA on CliffWalking. */
async function cliffPart(say: (line: string) => void): Promise<void> {
  const cliff = cliffWalking();
  const params = resolveRunParams('q-learning', { id: 'cliff' });
  say(`**CliffWalking** (after Sutton & Barto, Example 6.6: γ ${params.gamma}, α ${params.alpha}, constant ε ${params.epsilon}, ${params.episodes} episodes): the greedy path from the start; "beside the cliff" is the share of its cells (start and goal left out) on the row next to the cliff.`);
  say('');
  say('| algorithm | seed | greedy steps | beside the cliff | mean return, last 100 learning episodes |');
  say('| --- | --- | --- | --- | --- |');
  for (const algo of ['q-learning', 'sarsa', 'expected-sarsa'] as const) {
    for (const seed of SEEDS) {
      const result = await runTd(algo, cliff, resolveRunParams(algo, { id: 'cliff' }, { seed }) as never);
      const path = rollout(cliff, result.policy, createRng(0));
      const inner = path.path.slice(1, -1);
      const beside = inner.filter((s) => Math.floor(s / cliff.cols) === 2).length / inner.length;
      const online = result.curve.slice(-100).reduce((sum, l) => sum + l.return, 0) / 100;
      say(`| ${algo} | ${seed} | ${path.reachedGoal ? path.path.length - 1 : 'does not reach the goal'} | ${(100 * beside).toFixed(0)}% | ${online.toFixed(1)} |`);
    }
  }
  say('');
}

/** The parts of the `rl` section, in order (the DQN part adds its CartPole rows here). */
export const RL_BENCH_PARTS: RlBenchPart[] = [exactPart, qLearningPart, cliffPart, dqnBench];

/** The `rl` bench section. */
export async function rlSection(say: (line: string) => void): Promise<void> {
  for (const part of RL_BENCH_PARTS) await part(say);
}
