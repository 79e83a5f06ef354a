/**
 * The DQN rows of the `rl` bench section (issue 17): the CartPole preset on 5 seeds, each held to
 * Gymnasium's reward threshold (a mean return of at least 475 over 100 greedy episodes), with the
 * episodes and minutes training took; then what the MountainCar preset reaches (no reward shaping).
 */
import { runControl } from '../src/core/rl/dqn/control';
import type { ControlEnvId } from '../src/core/rl/types';

const SEEDS = [1, 2, 3, 4, 5];
/** MountainCar's seeds (about 2 minutes each); RL_BENCH_MC_SEEDS overrides them (empty: none). */
const MOUNTAINCAR_SEEDS = (process.env.RL_BENCH_MC_SEEDS ?? '1,2,3,4,5').split(',').filter(Boolean).map(Number);
/** CartPole-v1's reward threshold in Gymnasium's registry. */
const CARTPOLE_THRESHOLD = 475;

/** Trains the preset on each seed and prints a row per seed and how many reached `threshold`. */
async function presetRows(env: ControlEnvId, seeds: readonly number[], threshold: number, say: (line: string) => void): Promise<void> {
  say('| seed | mean return, 100 greedy episodes | success rate | episodes trained | steps | updates | minutes | trainer | why it stopped |');
  say('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  let passed = 0;
  let minutes = 0;
  let episodes = 0;
  for (const seed of seeds) {
    const t0 = performance.now();
    const run = await runControl(env, { seed });
    const m = (performance.now() - t0) / 60_000;
    minutes += m;
    episodes += run.dqn.episodes;
    if (run.evaluation.mean_return >= threshold) passed++;
    say(`| ${seed} | ${run.evaluation.mean_return.toFixed(2)} | ${(100 * run.evaluation.success_rate).toFixed(0)}% | ${run.dqn.episodes} | ${run.dqn.steps.toLocaleString('en-US')} | ${run.dqn.updates.toLocaleString('en-US')} | ${m.toFixed(2)} | ${run.dqn.trainer} | ${run.dqn.stopReason} |`);
  }
  say('');
  say(`**${passed} of ${seeds.length}** seeds reach a mean return of ${threshold}; on average ${(episodes / seeds.length).toFixed(0)} episodes and ${(minutes / seeds.length).toFixed(2)} minutes (training plus the 100-episode evaluation).`);
  say('');
}

/** The DQN part of the `rl` section. */
export async function dqnBench(say: (line: string) => void): Promise<void> {
  say('**DQN, CartPole-v1, default preset** (2×64 ReLU, Adam α 0.0005, γ 0.99, batch 64, replay 50,000, double DQN, Huber loss, target copied every 500 steps, ε 1→0.05 over 10,000 steps; a 20-game greedy check every 10 episodes keeps the best network and stops at a mean of 500):');
  say('');
  await presetRows('cartpole', SEEDS, CARTPOLE_THRESHOLD, say);
  if (!MOUNTAINCAR_SEEDS.length) return;
  say('**DQN, MountainCar-v0, its preset** (reward −1 per step, no shaping; as CartPole\'s but exploring actions held for 1–20 steps (ε-z-greedy), ε over 30,000 steps, replay 100,000, target copied every 1,000 steps, checks every 20 episodes stopping at Gymnasium\'s threshold of −110, up to 1,000 episodes; success is reaching the flag within 200 steps):');
  say('');
  await presetRows('mountaincar', MOUNTAINCAR_SEEDS, -110, say);
}
