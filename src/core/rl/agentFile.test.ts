import { describe, expect, it } from 'vitest';
import { float32ToBase64 } from '../util/base64';
import { parseAgentFile, serializeAgentFile, validateAgentFile } from './agentFile';
import { playGridAgent, runGridAgent } from './runGrid';
import type { AgentFile, CellKind } from './types';
import { defaultCustomGrid } from './worlds';

async function frozenLakeAgent(): Promise<AgentFile> {
  const run = await runGridAgent({ env: { id: 'frozenlake', slippery: true }, algo: 'value-iteration', evaluationEpisodes: 2000, evaluationSeed: 5 });
  return run.agent;
}

/** A file with `patch` applied over a valid one (a key set to undefined is removed). */
function patched(file: AgentFile, patch: Record<string, unknown>): string {
  return JSON.stringify({ ...file, ...patch });
}

describe('agent file', () => {
  it('round-trips: what is saved loads equal, and plays as it did when saved', async () => {
    const agent = await frozenLakeAgent();
    const loaded = parseAgentFile(serializeAgentFile(agent));
    expect(loaded).toEqual(agent);
    expect(loaded.policy).toEqual([0, 3, 3, 3, 0, 0, 0, 0, 3, 1, 0, 0, 0, 2, 1, 0]);
    expect(playGridAgent(loaded, 2000, 5)).toEqual(agent.evaluation);
  });

  it('round-trips a learner with its curve and a custom grid', async () => {
    const cells: CellKind[] = ['start', 'wall', 'free', 'goal'];
    const grid = { ...defaultCustomGrid(), rows: 2, cols: 2, cells };
    const run = await runGridAgent({ env: { id: 'custom', grid }, algo: 'sarsa', params: { episodes: 300 }, evaluationEpisodes: 10 });
    const loaded = parseAgentFile(serializeAgentFile(run.agent));
    expect(loaded.curve).toHaveLength(300);
    expect(loaded).toEqual(run.agent);
    expect(playGridAgent(loaded, 10, 1).success_rate).toBe(1);
  });

  it('accepts a DQN agent whose network matches its layer sizes', async () => {
    const agent = await frozenLakeAgent();
    const network = { inputs: 4, hidden: [{ units: 3, activation: 'relu' }], outputs: 2, weights: [12, 3, 6, 2].map((n) => float32ToBase64(new Float32Array(n).fill(0.5))) };
    const dqn = { ...agent, env: { id: 'cartpole' }, algo: 'dqn', policy: undefined, values: undefined, q: undefined, network };
    expect(parseAgentFile(JSON.stringify(dqn)).network).toEqual(network);
    const short = { ...network, weights: [...network.weights.slice(0, 3), float32ToBase64(new Float32Array(1))] };
    expect(() => parseAgentFile(JSON.stringify({ ...dqn, network: short }))).toThrow('network.weights[3]: should hold 2 float32 values');
    expect(() => parseAgentFile(JSON.stringify({ ...dqn, network: undefined }))).toThrow('network: a dqn agent needs its network');
  });

  it.each([
    ['not JSON', () => '{"format": ', /not a Sapling agent file: it is not valid JSON/],
    ['another format', () => '{"format":"sapling-model","version":5}', /"format" is not "sapling-agent" \(this is a model file; use it with `sapling predict`\)/],
    ['a newer version', (a: AgentFile) => patched(a, { version: 2 }), /version 2, made by a newer Sapling; this one reads versions up to 1/],
    ['no version', (a: AgentFile) => patched(a, { version: 'one' }), /no valid "version"/],
    ['an unknown environment', (a: AgentFile) => patched(a, { env: { id: 'pong' } }), /env.id: "pong" is not one of frozenlake, frozenlake8, cliff, custom, cartpole, mountaincar/],
    ['an unknown algorithm', (a: AgentFile) => patched(a, { algo: 'a3c' }), /algo: "a3c" is not one of/],
    ['a policy of the wrong length', (a: AgentFile) => patched(a, { policy: [0, 1, 2] }), /policy: has 3 items where 16 are expected/],
    ['an action out of range', (a: AgentFile) => patched(a, { policy: [...(a.policy ?? []).slice(0, 15), 4] }), /policy\[15\]: 4 is out of range \[0, 3\]/],
    ['no policy', (a: AgentFile) => patched(a, { policy: undefined }), /policy: a frozenlake agent needs its policy/],
    ['a value that is not a number', (a: AgentFile) => patched(a, { values: [...(a.values ?? []).slice(0, 15), 'x'] }), /values\[15\]: expected a finite number, got "x"/],
    ['a Q row too short', (a: AgentFile) => patched(a, { q: (a.q ?? []).map((row, s) => (s === 2 ? row.slice(1) : row)) }), /q\[2\]: has 3 items where 4 are expected/],
    ['a bad curve entry', (a: AgentFile) => patched(a, { curve: [{ episode: 1, return: 0, steps: 3, epsilon: 2 }] }), /curve\[0\].epsilon: 2 is out of range \[0, 1\]/],
    ['a bad evaluation', (a: AgentFile) => patched(a, { evaluation: { episodes: 10, mean_return: 0.5, success_rate: 1.5 } }), /evaluation.success_rate: 1.5 is out of range/],
    ['a dqn grid agent', (a: AgentFile) => patched(a, { algo: 'dqn' }), /algo: dqn agents play cartpole or mountaincar, not frozenlake/],
    ['a custom grid without a start', (a: AgentFile) => patched(a, { env: { id: 'custom', grid: { ...defaultCustomGrid(), cells: defaultCustomGrid().cells.map((c) => (c === 'start' ? 'free' : c)) } } }), /env.grid: a custom grid needs exactly one start cell/],
    ['a parameter that is an object', (a: AgentFile) => patched(a, { params: { gamma: { x: 1 } } }), /params.gamma: expected a number, text or true\/false/],
  ])('rejects %s with an error that says where', async (_name, make, message) => {
    const agent = await frozenLakeAgent();
    expect(() => parseAgentFile(make(agent))).toThrow(message);
  });

  it('errors are SaplingErrors with the agent-file codes', async () => {
    const agent = await frozenLakeAgent();
    expect(() => validateAgentFile({ ...agent, version: 3 })).toThrow(expect.objectContaining({ code: 'newer-agent-file' }));
    expect(() => validateAgentFile({ ...agent, policy: [] })).toThrow(expect.objectContaining({ code: 'bad-agent-file' }));
  });
});
