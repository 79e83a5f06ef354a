import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sapling-rl-'));

/** Runs the CLI as a person would (`npm run sapling -- rl …` runs this same launcher). */
function sapling(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', 'rl', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('sapling rl', () => {
  it('value iteration on FrozenLake writes the optimal policy and values, row by row, and the report', () => {
    const out = join(dir, 'vi.json');
    const report = join(dir, 'vi-report.json');
    const r = sapling('--env', 'frozenlake', '--slippery', 'yes', '--algo', 'value-iteration', '--out', out, '--report', report);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Value iteration on frozenlake (4×4, slippery): gamma 0.99, theta 1e-10');
    expect(r.stdout).toContain('  ← ↑ ↑ ↑\n  ← H ← H\n  ↑ ↓ ← H\n  H → ↓ G');
    expect(r.stdout).toMatch(/greedy policy over 10,000 episodes: mean return 0\.7\d+, success rate 7\d\.\d%/);
    const agent = json(out);
    expect(agent).toMatchObject({ format: 'sapling-agent', version: 1, env: { id: 'frozenlake', slippery: true }, algo: 'value-iteration' });
    expect(agent.policy).toEqual([0, 3, 3, 3, 0, 0, 0, 0, 3, 1, 0, 0, 0, 2, 1, 0]);
    expect(agent.values[0]).toBeCloseTo(0.542025932, 6);
    const rep = json(report);
    expect(Object.keys(rep)).toEqual(['evaluation', 'curve']);
    expect(Object.keys(rep.evaluation)).toEqual(['episodes', 'mean_return', 'success_rate']);
    expect(rep.evaluation.episodes).toBe(10000);
    expect(rep.curve).toEqual([]);
  });

  it('Q-learning prints its curve by tenths; the saved agent plays again without learning, repeating its evaluation', () => {
    const out = join(dir, 'q.json');
    const report = join(dir, 'q-report.json');
    const r = sapling('--env', 'frozenlake', '--slippery', 'no', '--algo', 'q-learning', '--episodes', '3000', '--seed', '7', '--param', 'alpha=0.2', '--param', 'epsilonDecay=0.998', '--eval-episodes', '500', '--out', out, '--report', report);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('alpha 0.2, epsilon 1, epsilonDecay 0.998, epsilonMin 0.01, episodes 3000, seed 7');
    expect(r.stdout).toMatch(/learning curve \(3,000 episodes, [\d.]+ s\):\nepisodes\s+mean return\s+mean steps\s+ε\n1–300 /);
    expect(r.stdout).toMatch(/2701–3000 /);
    // Without slips the greedy policy always reaches the goal.
    expect(r.stdout).toContain('greedy policy over 500 episodes: mean return 1, success rate 100.0%');
    const rep = json(report);
    expect(rep.curve).toHaveLength(3000);
    expect(rep.curve[0]).toEqual({ episode: 1, return: expect.any(Number), steps: expect.any(Number), epsilon: 1 });
    const agent = json(out);
    expect(agent.params).toMatchObject({ alpha: 0.2, episodes: 3000, seed: 7 });
    expect(agent.q).toHaveLength(16);

    const played = join(dir, 'played.json');
    const p = sapling('--agent', out, '--report', played);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toContain('q-learning agent on frozenlake (4×4, not slippery), played without learning:');
    expect(json(played).evaluation).toEqual(rep.evaluation);
  });

  it('on the cliff, Q-learning’s policy goes up from the start in CliffWalking’s numbering (0 up)', () => {
    const out = join(dir, 'cliff.json');
    const r = sapling('--env', 'cliff', '--algo', 'q-learning', '--seed', '1', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('greedy policy (actions: 0 up, 1 right, 2 down, 3 left)');
    expect(r.stdout).toContain('greedy policy over 10,000 episodes: mean return -13, success rate 100.0%');
    const agent = json(out);
    expect(agent.policy[36]).toBe(0);
    expect(agent.policy.slice(24, 35)).toEqual(Array(11).fill(1)); // right along the row next to the cliff
  });

  it.each([
    [['--env', 'pong', '--algo', 'sarsa'], 'error: --env must be one of frozenlake, frozenlake8, cliff, cartpole, mountaincar, got "pong"'],
    [['--env', 'cliff'], 'error: --algo is required (one of value-iteration, policy-iteration, q-learning, sarsa, expected-sarsa, dqn)'],
    [['--env', 'cliff', '--algo', 'sarsa', '--slippery', 'yes'], 'error: --slippery applies to frozenlake and frozenlake8, not cliff'],
    [['--env', 'frozenlake', '--algo', 'sarsa', '--slippery', 'maybe'], 'error: --slippery must be yes or no, got "maybe"'],
    [['--env', 'frozenlake', '--algo', 'sarsa', '--param', 'beta=1'], 'error: sarsa has no parameter "beta" (known: gamma, alpha, epsilon, epsilonDecay, epsilonMin, episodes, seed)'],
    [['--env', 'frozenlake', '--algo', 'q-learning', '--param', 'alpha=2'], 'error: q-learning: alpha must be at most 1, got 2'],
    [['--env', 'frozenlake', '--algo', 'value-iteration', '--episodes', '5'], 'error: --episodes: value-iteration plans from the rules of the world and plays no episodes'],
    [['--env', 'frozenlake', '--algo', 'sarsa', '--episodes', 'x'], 'error: --episodes must be a whole number of at least 1, got "x"'],
    [['--env', 'frozenlake', '--algo', 'dqn'], 'error: --algo dqn learns cartpole or mountaincar; for frozenlake use one of'],
    [['--env', 'cartpole', '--algo', 'sarsa'], 'error: cartpole is learned with --algo dqn, not sarsa'],
    [['--agent', join(dir, 'missing.json')], 'error: missing.json: cannot read'],
    [['--agent', join(dir, 'vi.json'), '--algo', 'sarsa'], 'error: --algo: --agent plays a saved agent as it is'],
  ])('refuses %j with one line and exit code 1', (args, message) => {
    const r = sapling(...args);
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(message), r.stderr).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a bad agent file with the place that is wrong', () => {
    const bad = join(dir, 'bad-agent.json');
    writeFileSync(bad, JSON.stringify({ format: 'sapling-agent', version: 1, env: { id: 'cliff' }, algo: 'sarsa', params: {}, policy: [0, 1], curve: [] }));
    const r = sapling('--agent', bad);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('error: bad-agent.json: policy: has 2 items where 48 are expected');
  });

  it('says plainly that DQN is not there yet for cartpole', () => {
    const r = sapling('--env', 'cartpole', '--algo', 'dqn');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^error: dqn: not available yet/);
  });
});
