import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Reading files that are hard on memory and on the field decoder, through the command (issue 11). */

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sapling-reading-'));

function saplingWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

describe('sapling profile on fields of any length', () => {
  const cases: [string, string, number][] = [
    ['utf-8', 'Ab "q", c\nd€漢é;\r\n x', 20 << 20],
    ['windows-1252', 'Ab "q", c\nd é ü ß;\r\n x', 1 << 20],
  ];
  for (const [encoding, unit, size] of cases) {
    it(`reads ${size >> 20} MB quoted fields in ${encoding} and reports them whole`, () => {
      const long = (seed: string) => seed + unit.repeat(Math.ceil(size / unit.length)) + 'END';
      const [first, second] = [long('first:'), long('second:')];
      const text = `id,text,n\n1,${quoted(first)},1.5\n2,short,2\n3,${quoted(second)},3\n`;
      const bytes = encoding === 'utf-8' ? new TextEncoder().encode(text) : Uint8Array.from(text, (ch) => ch.charCodeAt(0));
      const out = join(dir, `long-${encoding}.json`);
      const r = saplingWith({}, 'profile', file(`long-${encoding}.csv`, bytes), '--out', out);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`long-${encoding}.csv: 3 rows, 3 columns (delimiter ",", ${encoding})`);
      expect(r.stdout).toContain(`first:Ab "q", c\\nd`); // the terminal shows the start of the field on one line
      expect(r.stdout.length).toBeLessThan(2000);
      const json = JSON.parse(readFileSync(out, 'utf8'));
      const column = json.columns.find((c: { name: string }) => c.name === 'text');
      expect(column).toMatchObject({ type: 'text', missing: 0, unique: 3 });
      const values = (column.top as { value: string }[]).map((t) => t.value);
      expect(values.map((v) => v.length).sort((a, b) => a - b)).toEqual([5, first.length, second.length]);
      expect(values.includes(first) && values.includes(second)).toBe(true);
    }, 120_000);
  }
});

describe('sapling profile within a memory budget', () => {
  const rows = 300_000;
  const csv = (value: (i: number) => string) => `id,x\n${Array.from({ length: rows }, (_, i) => `${value(i)},${i % 10}`).join('\n')}\n`;

  it('refuses a high-cardinality column with one line naming it, and reads a low-cardinality file of the same size', () => {
    const ids = file('ids.csv', csv((i) => `user-${(i * 7919).toString(36).padStart(10, '0')}`));
    const r = saplingWith({ SAPLING_MEMORY_MB: '8' }, 'profile', ids);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: ids\.csv: column "id" looks like it has about 300,\d{3} distinct texts \(~[\d.]+ MB with its dictionary\); this file would need ~[\d.]+ MB, over the 8\.0 MB of memory available here\. Read a sample instead \(the first [\d,]+ rows or fewer\)/);
    const sampled = saplingWith({ SAPLING_MEMORY_MB: '8' }, 'profile', ids, '--sample', '50000');
    expect(sampled.code, sampled.stderr).toBe(0);
    expect(sampled.stdout).toContain('ids.csv: 50000 rows, 2 columns');

    const colours = file('colours.csv', csv((i) => ['red-xxxxxxxxxx', 'green-xxxxxxxx', 'blue-xxxxxxxxx', 'teal-xxxxxxxxx'][i % 4]));
    const ok = saplingWith({ SAPLING_MEMORY_MB: '8' }, 'profile', colours);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`colours.csv: ${rows} rows, 2 columns`);
  }, 120_000);
});
