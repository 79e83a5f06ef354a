import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runFixture } from '../testing/runs';
import { isSaplingError } from '../util/errors';
import { compareRuns } from './compare';
import { PROJECT_FILE_VERSION, makeProjectFile, parseProjectFile, projectFileText, validateProjectFile } from './projectFile';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** A valid project file's JSON with `change` applied to its parsed form. */
function edited(change: (file: { runs: Record<string, unknown>[] } & Record<string, unknown>) => void): string {
  const file = JSON.parse(projectFileText(makeProjectFile([runFixture({ id: 'a' }), runFixture({ id: 'b', startedAt: '2026-11-26T09:00:00.000Z' })], new Date('2026-11-26T12:00:00Z'))));
  change(file);
  return JSON.stringify(file);
}

function errorOf(text: string): string {
  try {
    parseProjectFile(text);
  } catch (e) {
    expect(isSaplingError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('project file', () => {
  it('writes runs newest first and reads them back unchanged', () => {
    const older = runFixture({ id: 'old', startedAt: '2026-11-25T10:00:00.000Z' });
    const newer = runFixture({ id: 'new', status: 'failed', error: 'boom', metrics: {}, result: undefined });
    const file = makeProjectFile([older, newer], new Date('2026-11-26T12:00:00Z'));
    expect(file).toMatchObject({ format: 'sapling-project', version: 1, savedAt: '2026-11-26T12:00:00.000Z' });
    expect(parseProjectFile(projectFileText(file))).toEqual({ ...file, runs: [newer, older] });
  });

  it('loads the frozen version-1 file', () => {
    const file = parseProjectFile(fixture('project-v1.json'));
    expect(file.version).toBe(1);
    expect(file.runs.map((r) => `${r.kind} ${r.model.id} ${r.status}`)).toEqual(['train tree succeeded', 'train tree succeeded', 'train kmeans succeeded', 'auto auto cancelled', 'train naive-bayes failed', 'train forest succeeded']);
    const [rerun, original, kmeans, , failed, forest] = file.runs;
    // The studio's re-run of a tree on the same data and seed scored the same.
    expect(compareRuns(original, rerun).filter((r) => r.group === 'Test metrics' && r.differs)).toEqual([]);
    expect(kmeans.metrics.found?.clusters).toBe(3);
    expect(failed.error).toMatch(/missing values/);
    expect(forest.metrics.cv?.accuracy.mean).toBeGreaterThan(0.9);
  });

  it('says what is not a project file', () => {
    expect(errorOf('{"format": "sapling-project", ')).toMatch(/^not a Sapling project file: it is not valid JSON/);
    expect(errorOf('[]')).toBe('not a Sapling project file: "format" is not "sapling-project"');
    expect(errorOf('{"format": "sapling-model", "version": 3}')).toMatch(/this is a model file/);
    expect(errorOf('{"format": "sapling-project"}')).toBe('the project file has no valid "version" (got nothing)');
    expect(errorOf(edited((f) => (f.version = 1.5)))).toBe('the project file has no valid "version" (got 1.5)');
    expect(errorOf(edited((f) => (f.savedAt = 'yesterday')))).toBe('the project file\'s savedAt is not a date and time (got "yesterday")');
    expect(errorOf(edited((f) => delete (f as Record<string, unknown>).runs))).toBe('the project file\'s runs are missing');
  });

  it('refuses a file from a newer Sapling, saying which version it reads', () => {
    expect(errorOf(edited((f) => (f.version = PROJECT_FILE_VERSION + 1)))).toBe('the project file was made by a newer Sapling, version 2; this one reads up to 1');
  });

  it('names the first malformed part of a run by its path', () => {
    const cases: [(run: Record<string, unknown>) => void, string][] = [
      [(r) => (r.seed = '42'), 'runs[1].seed is not a number'],
      [(r) => delete r.id, 'runs[1].id is missing'],
      [(r) => (r.startedAt = 'noon'), 'runs[1].startedAt is not a date and time (got "noon")'],
      [(r) => (r.kind = 'guess'), 'runs[1].kind is "guess", not one of train, auto, tune'],
      [(r) => (r.status = 'failed'), 'runs[1].error is missing'],
      [(r) => ((r.data as Record<string, unknown>).rows = null), 'runs[1].data.rows is not a number'],
      [(r) => ((r.problem as Record<string, unknown>).task = 'clustering'), 'runs[1].problem.task is "clustering", not one of binary, multiclass, regression'],
      [(r) => ((r.recipe as Record<string, unknown>).steps = {}), 'runs[1].recipe.steps is not a list'],
      [(r) => (((r.recipe as { steps: unknown[] }).steps[1] as Record<string, unknown>).step = 3), 'runs[1].recipe.steps[1].step is not a string'],
      [(r) => ((r.model as Record<string, unknown>).params = [1]), 'runs[1].model.params is not an object'],
      [(r) => ((r.validation as Record<string, unknown>).method = 'loo'), 'runs[1].validation.method is "loo", not one of k-fold, holdout'],
      [(r) => ((r.validation as Record<string, unknown>).group = 4), 'runs[1].validation.group is not a string'],
      [(r) => ((r.metrics as { test: Record<string, unknown> }).test.accuracy = null), 'runs[1].metrics.test.accuracy is not a number'],
      [(r) => ((r.metrics as Record<string, unknown>).cv = { r2: { mean: 1 } }), 'runs[1].metrics.cv.r2.std is missing'],
      [(r) => ((r.result as Record<string, unknown>).split = 'half'), 'runs[1].result.split is not an object'],
      [(r) => (r.durationMs = Infinity), 'runs[1].durationMs is not a number'],
      // Times are sorted and compared as text: only toISOString's own form orders them.
      [(r) => (r.startedAt = '2026-11-26T10:00:00Z'), 'runs[1].startedAt is not an ISO 8601 time in UTC such as 2026-11-26T10:00:00.000Z (got "2026-11-26T10:00:00Z")'],
      [(r) => (r.startedAt = '2026-11-26T11:00:00.000+01:00'), 'runs[1].startedAt is not an ISO 8601 time in UTC such as 2026-11-26T10:00:00.000Z (got "2026-11-26T11:00:00.000+01:00")'],
      // Re-run puts the seed, folds and test size back into the studio: only what it accepts.
      [(r) => (r.seed = 4.5), 'runs[1].seed is 4.5, not a whole number'],
      [(r) => ((r.validation as Record<string, unknown>).folds = 2.5), 'runs[1].validation.folds is 2.5, not a whole number'],
      [(r) => ((r.validation as Record<string, unknown>).folds = 1), 'runs[1].validation.folds is 1, not 0 (none) or from 2 to 20'],
      [(r) => ((r.validation as Record<string, unknown>).folds = 21), 'runs[1].validation.folds is 21, not 0 (none) or from 2 to 20'],
      [(r) => ((r.validation as Record<string, unknown>).folds = -3), 'runs[1].validation.folds is -3, not 0 (none) or from 2 to 20'],
      [(r) => ((r.recipe as Record<string, unknown>).testSize = 0), 'runs[1].recipe.testSize is 0, not a share between 0 and 1'],
      [(r) => ((r.recipe as Record<string, unknown>).testSize = 1), 'runs[1].recipe.testSize is 1, not a share between 0 and 1'],
      [(r) => ((r.recipe as Record<string, unknown>).testSize = 20), 'runs[1].recipe.testSize is 20, not a share between 0 and 1'],
      [(r) => delete r.result, 'runs[1].result is missing: a run that succeeded keeps what it produced'],
    ];
    for (const [change, message] of cases) expect(errorOf(edited((f) => change(f.runs[1])))).toBe(message);
  });

  it('keeps only the fields it knows, at every level', () => {
    const clean = parseProjectFile(edited(() => {})).runs[1];
    const extra = { note: 'not ours' };
    const file = parseProjectFile(
      edited((f) => {
        const r = f.runs[1] as Record<string, Record<string, unknown>> & { recipe: { steps: Record<string, unknown>[] }; metrics: Record<string, Record<string, unknown>> };
        Object.assign(r, extra);
        for (const part of ['data', 'problem', 'recipe', 'model', 'validation', 'metrics', 'result'] as const) Object.assign(r[part], extra);
        Object.assign(r.recipe.steps[0], extra);
        Object.assign(r.result.split as object, extra);
        r.metrics.cv = { accuracy: { mean: 0.9, std: 0.01, ...extra } };
      }),
    );
    expect(file.runs[1]).toStrictEqual({ ...clean, metrics: { ...clean.metrics, cv: { accuracy: { mean: 0.9, std: 0.01 } } } });
    expect(JSON.stringify(file)).not.toContain('not ours');
  });

  it('refuses two runs with one id, taking nothing of the file', () => {
    expect(errorOf(edited((f) => (f.runs[1].id = 'a')))).toBe('runs[1].id "a" is also the id of runs[0]');
  });

  it('upgrades older versions step by step through its upgrade table', () => {
    // Only version 1 exists: a pretend version 2 (whose upgrade only renumbers) shows the path a file takes.
    const v1 = JSON.parse(edited(() => {})) as Record<string, unknown>;
    const { runs, ...rest } = v1;
    const upgrades = { 1: (f: Record<string, unknown>) => ({ ...f, version: 2 }) };
    expect(validateProjectFile(v1, upgrades, 2).runs).toHaveLength(2);
    expect(() => validateProjectFile({ ...rest, version: 1, history: runs }, {}, 2)).toThrow('no upgrade from project-file version 1');
  });
});
