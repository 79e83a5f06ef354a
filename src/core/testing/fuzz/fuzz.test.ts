import * as fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FuzzBases, makeFuzzBases } from './bases';
import type { FuzzKind } from './kind';
import { fuzzKinds } from './kinds';
import { runCase } from './outcome';

/**
 * Fuzzing in the unit suite: mutated model files of every family, project files and CSV bytes go
 * through Sapling's readers; only Sapling errors may come back, within a time limit, and no NaN
 * may come out. A few hundred cases with a fixed seed; `npm run bench -- fuzz` runs 10,000 a kind
 * in worker threads (a synchronous endless loop cannot be interrupted here: it would stop the suite).
 */

const SEED = 20261207;
/** Cases in all, shared among the kinds that run. */
const TOTAL_CASES = 450;
const LIMIT_MS = 5_000;
/** Huge CSV fields stay below 256 KB here (the bench goes to 1 MB). */
const MAX_FIELD = 256 << 10;

/**
 * Kinds left out of the suite for now, with why: each is a fault the fuzz bench reports, being
 * fixed on another branch (model-state checks, issue 11). Remove an entry once the bench shows
 * its kind clean.
 */
const PENDING: Readonly<Record<string, string>> = {};

let bases: FuzzBases;
let kinds: FuzzKind<unknown>[];

beforeAll(async () => {
  bases = await makeFuzzBases();
  kinds = fuzzKinds(bases, MAX_FIELD);
}, 120_000);

describe('fuzzing', () => {
  it('has a kind for every base file, the project and CSV', () => {
    expect(kinds.map((k) => k.name)).toEqual([...Object.keys(bases.models).map((f) => `model:${f}`), 'project', 'csv']);
  });

  it('accepts every base file unmutated', async () => {
    const { modelKind, projectKind } = await import('./kinds');
    for (const [family, files] of Object.entries(bases.models)) {
      for (const f of files) expect(await runCase(modelKind(family, bases), { base: family, text: f.text, mutations: [] }, LIMIT_MS), `${family}/${f.task}`).toMatchObject({ verdict: 'accepted' });
    }
    expect(await runCase(projectKind(bases), { base: 'project', text: bases.project, mutations: [] }, LIMIT_MS)).toMatchObject({ verdict: 'accepted' });
  });

  it('gives only Sapling errors, within the time limit, and no NaN, on mutated files of every kind', async () => {
    const faults: string[] = [];
    let ran = 0;
    const active = kinds.filter((k) => !(k.name in PENDING));
    const perKind = Math.ceil(TOTAL_CASES / active.length);
    for (const kind of active) {
      await fc.assert(
        fc.asyncProperty(kind.cases, async (c) => {
          ran++;
          const o = await runCase(kind, c, LIMIT_MS);
          if (o.verdict === 'crash' || o.verdict === 'hang') {
            faults.push(`${kind.name}: ${o.verdict === 'crash' ? o.error : `no answer in ${LIMIT_MS} ms`} — ${kind.describe(c)}`);
          }
        }),
        // Every case is collected (no shrinking): the list of faults is the useful report.
        { seed: SEED, numRuns: perKind, endOnFailure: true },
      );
    }
    expect(faults).toEqual([]);
    expect(ran).toBe(perKind * active.length);
  }, 120_000);
});
