import { describe, expect, it } from 'vitest';
import { CancelledError } from '../util/errors';
import { runPolicyIteration, runValueIteration } from './planning';
import { cliffWalking, frozenLake } from './worlds';

/**
 * The optimal values of FrozenLake 4×4, slippery, γ 0.99, states row by row, printed by
 * scripts/rl-frozenlake-reference.py (NumPy: Gymnasium's P built independently, solved exactly by
 * policy iteration with linear solves), and its greedy policy (0 left, 1 down, 2 right, 3 up).
 */
const REFERENCE_VALUES = [
  0.542025932, 0.498803187229, 0.470695690556, 0.456851699658, 0.558450960243, 0, 0.358348071983, 0, 0.591798744856, 0.643079824768, 0.615207557877, 0, 0,
  0.741720438989, 0.862837430149, 0,
];
const REFERENCE_POLICY = [0, 3, 3, 3, 0, 0, 0, 0, 3, 1, 0, 0, 0, 2, 1, 0];
const EXACT = { gamma: 0.99, theta: 1e-10, maxIterations: 100_000 };

describe('value iteration', () => {
  it('equals the independent NumPy solution on FrozenLake 4×4 slippery (γ 0.99) to 1e-6', async () => {
    const result = await runValueIteration(frozenLake('4x4', true), EXACT);
    const worst = Math.max(...result.values.map((v, s) => Math.abs(v - REFERENCE_VALUES[s])));
    expect(worst).toBeLessThan(1e-6);
    expect(result.policy).toEqual(REFERENCE_POLICY);
    expect(result.curve).toEqual([]);
  });

  it('finds the 13-step path on CliffWalking (γ 1: the start is worth −13)', async () => {
    const result = await runValueIteration(cliffWalking(), { ...EXACT, gamma: 1 });
    expect(result.values[36]).toBeCloseTo(-13, 9);
    expect(result.policy[36]).toBe(0); // up, then right along row 2
  });

  it('without slips, every cell that can reach the goal is worth γ^(steps−1)', async () => {
    const result = await runValueIteration(frozenLake('4x4', false), { ...EXACT, gamma: 0.9 });
    expect(result.values[0]).toBeCloseTo(0.9 ** 5, 9); // 6 steps from the start
    expect(result.values[14]).toBeCloseTo(1, 9);
  });

  it('reports each sweep and stops when asked', async () => {
    let sweeps = 0;
    await expect(runValueIteration(frozenLake('4x4', true), EXACT, { onSweep: () => sweeps++, shouldStop: () => sweeps >= 3 })).rejects.toBeInstanceOf(CancelledError);
    expect(sweeps).toBe(3);
  });
});

describe('policy iteration', () => {
  it.each([
    ['FrozenLake 4×4 slippery', frozenLake('4x4', true)],
    ['FrozenLake 8×8 slippery', frozenLake('8x8', true)],
    ['FrozenLake 4×4 not slippery', frozenLake('4x4', false)],
    ['CliffWalking', cliffWalking()],
  ])('gives value iteration’s policy and values on %s', async (_name, world) => {
    const vi = await runValueIteration(world, EXACT);
    const pi = await runPolicyIteration(world, EXACT);
    expect(pi.policy).toEqual(vi.policy);
    expect(Math.max(...pi.values.map((v, s) => Math.abs(v - vi.values[s])))).toBeLessThan(1e-6);
    expect(pi.iterations).toBeLessThan(20); // a few improvement rounds, not hundreds of sweeps
  });
});
