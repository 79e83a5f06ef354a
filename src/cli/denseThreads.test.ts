import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sapling-dense-'));

/** Trains an MLP with the CLI under `env`; the report's per-epoch training losses. */
function losses(env: Record<string, string>, data: string, name: string): number[] {
  const report = join(dir, `${name}.report.json`);
  const args = ['train', data, '--target', 'y', '--model', 'mlp', '--param', 'epochs=4', '--param', 'batchSize=128', '--param', 'dropout=0.1', '--param', 'earlyStopping=false', '--seed', '2', '--out', join(dir, `${name}.json`), '--report', report];
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(readFileSync(report, 'utf8')).history as { loss: number }[]).map((h) => h.loss);
}

describe('sapling train --model mlp with the batches split over two threads', () => {
  it('learns what one thread learns, up to the order of the gradient sums', () => {
    const rows = ['a,b,c,d,y'];
    for (let i = 0; i < 3000; i++) {
      const x = [(i * 7919) % 1000, (i * 104729) % 997, i % 13, (i * 31) % 101].map((v, j) => (v / 500 - 1) * (j + 1));
      rows.push(`${x.map((v) => v.toFixed(4)).join(',')},${x[0] + 0.5 * x[1] * x[2] > 0 ? 1 : 0}`);
    }
    const data = join(dir, 'binary.csv');
    writeFileSync(data, rows.join('\n') + '\n');
    const split = losses({ SAPLING_DENSE_SPLIT: 'always' }, data, 'split');
    const alone = losses({ SAPLING_THREADS: '1' }, data, 'alone');
    expect(split).toHaveLength(4);
    // The split did run (sums in another order round differently), and changed nothing but rounding.
    expect(split).not.toEqual(alone);
    split.forEach((loss, i) => expect(Math.abs(loss - alone[i])).toBeLessThan(1e-5 * alone[i]));
  });
});
