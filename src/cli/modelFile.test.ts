import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const iris = join(root, 'public', 'samples', 'iris.csv');
const dir = mkdtempSync(join(tmpdir(), 'sapling-model-file-'));

/** Runs the CLI as a person would, killed after 20 s: before issue 11 a self-looping tree never returned. */
function sapling(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: root, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe('sapling refuses a crafted model file with one line, exit 1', () => {
  let model = '';
  beforeAll(() => {
    model = join(dir, 'tree.json');
    const r = sapling('train', iris, '--target', 'species', '--model', 'tree', '--param', 'maxDepth=3', '--out', model);
    expect(r.code, r.stderr).toBe(0);
  });

  /** The trained file edited by `edit`, written beside it. */
  function crafted(name: string, edit: (file: { model: { state: { trees: Record<string, number[]>[] } } }) => void): string {
    const file = JSON.parse(readFileSync(model, 'utf8'));
    edit(file);
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(file));
    return path;
  }

  it('predict: a tree whose child points back to its own node (it looped forever, memory growing)', () => {
    const t0 = Date.now();
    const r = sapling('predict', crafted('loop.json', (f) => (f.model.state.trees[0].left[0] = 0)), iris, '--out', join(dir, 'p.csv'));
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: loop.json: model.state.trees[0].left[0]: points back to node 0\n');
    expect(r.stdout).toBe('');
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it('predict: leaf values too short (it predicted NaN and exited 0); explain: a missing trees key (a TypeError)', () => {
    const short = sapling('predict', crafted('short.json', (f) => f.model.state.trees[0].values.pop()), iris, '--out', join(dir, 'q.csv'));
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/^error: short\.json: model\.state\.trees\[0\]\.values: has \d+ items where \d+ are expected\n$/);
    const missing = sapling('explain', crafted('missing.json', (f) => delete (f.model.state as Partial<typeof f.model.state>).trees), iris);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error: missing.json: model.state.trees: expected an array, got nothing\n');
  });
});
