import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sapling-predict-'));

/** Runs the CLI as a person would (`npm run sapling -- …` runs this same launcher). */
function sapling(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// Classes are user data too: one starts a formula.
const training = ['zip,when,big,note,x,label', ...Array.from({ length: 40 }, (_, i) => `${String(501 + i).padStart(5, '0')},2024-01-0${1 + (i % 9)}T03:04:06.100+02:00,${12345678901234567890n + BigInt(i)},${i % 2 ? 'a' : 'b'},${i % 2 ? -i : i},${i % 2 ? '=yes' : 'no'}`)].join('\n');

/** Input lines (header first) and, for each, its fields as the predictions file must write them: as read, formulas escaped. */
const hostile: [string, string][] = [
  ['zip,when,big,note,x,=cmd', "zip,when,big,note,x,'=cmd"],
  ['00501,2024-01-02T03:04:06.100+02:00,12345678901234567890,=1+2,-3.2,@SUM(A1)', "00501,2024-01-02T03:04:06.100+02:00,12345678901234567890,'=1+2,-3.2,'@SUM(A1)"],
  ['00502,2024-01-03T03:04:06.100+02:00,12345678901234567891, NA ,+5,"-2+3"', "00502,2024-01-03T03:04:06.100+02:00,12345678901234567891, NA ,+5,'-2+3"],
  ['00503,NA,00000000000000000001,"a, ""quoted"" note",-1e-3,"=HYPERLINK(""http://x.example"",""y"")"', `00503,NA,00000000000000000001,"a, ""quoted"" note",-1e-3,"'=HYPERLINK(""http://x.example"",""y"")"`],
  ['00504,2024-01-05T03:04:06+05:30,7,a,-,"\t=1"', "00504,2024-01-05T03:04:06+05:30,7,a,'-,'\t=1"],
];

describe('sapling predict writes what people can open safely', () => {
  let model = '';
  beforeAll(() => {
    model = join(dir, 'model.json');
    const r = sapling('train', file('train.csv', training + '\n'), '--target', 'label', '--model', 'tree', '--out', model);
    expect(r.code, r.stderr).toBe(0);
  });

  it('copies the input columns byte for byte as they were in the file, escaping formulas in cells, headers and predicted classes', () => {
    const data = file('new.csv', hostile.map(([line]) => line).join('\n') + '\n');
    const out = join(dir, 'predictions.csv');
    const r = sapling('predict', model, data, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`4 predictions written to ${out}\n`);
    const written = readFileSync(out, 'utf8');
    const lines = written.split('\n');
    expect(lines).toHaveLength(hostile.length + 1);
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(`${hostile[0][1]},prediction,proba_=yes,proba_no`);
    for (let i = 1; i < hostile.length; i++) {
      expect(lines[i].startsWith(`${hostile[i][1]},`), lines[i]).toBe(true);
      const predicted = lines[i].slice(hostile[i][1].length + 1).split(',');
      // Note "a" always went with the class "=yes" in training.
      expect(predicted[0]).toBe(hostile[i][0].includes(',a,') ? "'=yes" : 'no');
      expect(Number(predicted[1]) + Number(predicted[2])).toBeCloseTo(1, 4);
    }
    // Standard output gets the same bytes.
    expect(sapling('predict', model, data).stdout).toBe(written);
  });

  it('says why it cannot write, and leaves no half-written file behind', () => {
    const data = file('short.csv', 'zip,when,big,note,x\n00501,2024-01-02,1,a,1\n');
    const r = sapling('predict', model, data, '--out', join(dir, 'no-such-folder', 'p.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: cannot write .*no-such-folder\/p\.csv: no such directory\n$/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});
