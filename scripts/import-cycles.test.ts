import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./import-cycles.mjs', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/import-cycles/${name}`, import.meta.url));

/** Runs the cycle check as `npm test` does, on `root` when given: exit status and what it printed. */
function check(...args: string[]): { status: number | null; out: string } {
  const run = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) });
  return { status: run.status, out: run.stdout + run.stderr };
}

describe('import-cycles.mjs (the cycle check of npm test)', () => {
  it('fails on two files that import only each other\'s types, naming both and the loop', () => {
    const { status, out } = check('--root', fixture('type-cycle'));
    expect(status).toBe(1);
    expect(out).toContain('cycle of 2 file(s)');
    expect(out).toMatch(/a\.ts\n\s+line 1: type import .*b\.ts/);
    expect(out).toMatch(/shortest loop: .*a\.ts -> .*b\.ts -> .*a\.ts/);
    expect(out).toContain('1 import cycle(s)');
  });

  it('passes the same folder with --values, which leaves out imports erased at run time', () => {
    expect(check('--values', '--root', fixture('type-cycle')).status).toBe(0);
  });

  it('follows export…from with a .js specifier and dynamic import() round a loop of three', () => {
    const { status, out } = check('--root', fixture('value-cycle'));
    expect(status).toBe(1);
    expect(out).toContain('cycle of 3 file(s)');
    expect(out).toMatch(/shortest loop: .*x\.ts -> .*y\.ts -> .*z\.ts -> .*x\.ts/);
  });

  it('passes a folder without a cycle, where import text in comments and strings does not count', () => {
    const { status, out } = check('--root', fixture('acyclic'));
    expect(status).toBe(0);
    expect(out).toContain('no import cycles in 3 files');
  });

  it('fails a contract that reaches the tuner through another contract, printing the chain', () => {
    const { status, out } = check('--root', fixture('contract-leak'));
    expect(out).toContain('no import cycles');
    expect(status).toBe(1);
    expect(out).toMatch(/contract \S*core\/train\/report\.ts reaches the training side: \S*report\.ts -> \S*core\/models\/model\.ts -> \S*core\/tune\/search\.ts/);
    expect(out).toContain('2 contract(s) not leaves');
  });

  it('fails a contract that imports a TF.js type', () => {
    const { status, out } = check('--root', fixture('contract-tfjs'));
    expect(status).toBe(1);
    expect(out).toMatch(/core\/models\/model\.ts reaches the training side: \S*model\.ts -> @tensorflow\/tfjs/);
  });

  it('passes contracts that import only a contract and a helper outside the training side', () => {
    const { status, out } = check('--root', fixture('contract-leaf'));
    expect(status).toBe(0);
    expect(out).toContain('2 contracts are leaves');
  });

  it('finds no cycle in src, and every contract there is a leaf', () => {
    const { status, out } = check();
    expect(out).toMatch(/^no import cycles in \d+ files of src$/m);
    expect(out).toMatch(/^12 contracts are leaves$/m);
    expect(status).toBe(0);
  });
});
