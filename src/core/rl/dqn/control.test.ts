import { describe, expect, it } from 'vitest';
import { parseAgentFile, serializeAgentFile } from '../agentFile';
import { playControl, runControl } from './control';
import { DQN_RUNNER } from '.';

/** A short CartPole run (see dqn.test.ts's QUICK): enough to give an agent that plays better than chance. */
const SHORT = { episodes: 40, hiddenLayers: 1, hiddenUnits: 16, alpha: 0.005, batchSize: 32, learningStarts: 200, targetUpdateEvery: 100, epsilonDecaySteps: 1500, evalEvery: 10, evalEpisodes: 3, seed: 3 };

describe('DQN agent file', () => {
  it('round-trips through the agent file and plays exactly as when it was saved', async () => {
    const run = await runControl('cartpole', SHORT);
    expect(run.agent.algo).toBe('dqn');
    expect(run.agent.env).toEqual({ id: 'cartpole' });
    expect(run.agent.params.hiddenUnits).toBe(16);
    expect(run.evaluation.episodes).toBe(100);
    const loaded = parseAgentFile(serializeAgentFile(run.agent));
    expect(loaded.network?.hidden).toEqual([{ units: 16, activation: 'relu' }]);
    // Played again from the saved evaluation seed, without learning: the same 100 games.
    expect(await playControl(loaded, 100, loaded.evaluationSeed!)).toEqual(run.evaluation);
    expect(await DQN_RUNNER.play(loaded, 100, loaded.evaluationSeed! + 1)).not.toEqual(run.evaluation);
  });
  it('rejects a network that does not fit the environment', async () => {
    const run = await runControl('cartpole', { ...SHORT, episodes: 2 });
    const asMountainCar = parseAgentFile(serializeAgentFile({ ...run.agent, env: { id: 'mountaincar' } }));
    await expect(async () => playControl(asMountainCar, 1, 1)).rejects.toThrow(/takes 4 inputs and gives 2 Q-values, but MountainCar-v0 has 2 and 3/);
  });
  it('names the known parameters when given an unknown one', async () => {
    await expect(runControl('cartpole', { learningRate: 0.1 })).rejects.toThrow(/dqn has no parameter "learningRate" \(known: episodes, gamma, alpha/);
  });
});
