import { describe, expect, it } from 'vitest';
import { inputSketches, type SketchHost } from '../monitor/reference';
import type { Sketch } from '../monitor/types';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { sample } from '../testing/tables';
import type { TrainConfig } from './config';
import { runTraining } from './runTraining';

const penguins = await sample('penguins.csv');
const config: TrainConfig = { problem: resolveProblem(penguins, 'species'), recipe: defaultRecipe(profileTable(penguins), 'species'), model: { id: 'gbdt', params: { rounds: 5 } }, seed: 3 };

/** A model file without what differs between two runs of the same config (the clock). */
function comparable(file: object): unknown {
  const copy = JSON.parse(JSON.stringify(file)) as { createdAt?: string; report: { timings_ms?: unknown } };
  delete copy.createdAt;
  delete copy.report.timings_ms;
  return copy;
}

describe('a run with a sketch host (the CLI sketches the training inputs on a worker thread)', () => {
  it('asks the host for the input sketches once and writes the same model file as a run without one', async () => {
    const asked: string[][] = [];
    const host: SketchHost = {
      inputSketches: async (inputs, schema) => {
        asked.push(schema.map((c) => c.name));
        // As a worker gets them: a structured copy of the columns, sketched there.
        return inputSketches(structuredClone(inputs), schema);
      },
    };
    const plain = await runTraining(penguins, config);
    const hosted = await runTraining(penguins, config, { sketchHost: host });
    expect(asked).toEqual([plain.file.inputSchema.map((c) => c.name)]);
    expect(comparable(hosted.file)).toEqual(comparable(plain.file));
    // The sketches are the reference's: island is categorical, bill length numeric.
    const kinds = Object.fromEntries(hosted.file.monitoring!.columns.map((c) => [c.column, c.sketch.kind]));
    expect(kinds.island).toBe('categorical');
    expect(kinds.bill_length_mm).toBe('numeric');
  });

  it('makes the sketches itself when the host fails, and uses what the host returns otherwise', async () => {
    const failing: SketchHost = { inputSketches: () => Promise.reject(new Error('worker gone')) };
    const plain = await runTraining(penguins, config);
    const fallback = await runTraining(penguins, config, { sketchHost: failing });
    expect(comparable(fallback.file)).toEqual(comparable(plain.file));
    // A host's sketches are what the file keeps (here, each marked by its count).
    const marked: SketchHost = {
      inputSketches: async (inputs, schema) => inputSketches(inputs, schema).map((s): Sketch => ({ ...s, count: 12345 })),
    };
    const hosted = await runTraining(penguins, config, { sketchHost: marked });
    expect(hosted.file.monitoring!.columns.every((c) => c.sketch.count === 12345)).toBe(true);
  });

  it('is not asked by nested runs (cross-validation folds), which keep no reference', async () => {
    let asks = 0;
    const host: SketchHost = { inputSketches: async (inputs, schema) => (asks++, inputSketches(inputs, schema)) };
    await runTraining(penguins, { ...config, validation: { folds: 3 } }, { sketchHost: host });
    expect(asks).toBe(1);
  });
});
