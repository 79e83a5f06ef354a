import { describe, expect, it } from 'vitest';
import type { StudioModel } from '../../state/modelOrigin';
import type { DatasetSummary } from '../../workers/protocol';
import { studioHints } from './deployFiles';

const dataset = {
  fingerprint: 'abc',
  profile: {
    columns: [
      { name: 'bill_length_mm', kind: 'numeric', min: 32.1, max: 59.6 },
      { name: 'island', kind: 'categorical', top: [{ value: 'Biscoe', count: 168 }, { value: 'Dream', count: 124 }] },
      { name: 'constructor', kind: 'categorical', top: [{ value: 'x', count: 1 }] },
    ],
  },
  preview: { columns: ['island', 'bill_length_mm', 'constructor'], rows: [['Torgersen', '39.1', 'x']] },
} as unknown as DatasetSummary;

function model(origin: StudioModel['origin']): StudioModel {
  return {
    inputSchema: [
      { name: 'bill_length_mm', kind: 'numeric' },
      { name: 'island', kind: 'categorical' },
      { name: 'constructor', kind: 'categorical' },
    ],
    origin,
  } as unknown as StudioModel;
}

const trained = (fingerprint: string) => ({ source: 'trained', data: { name: 'penguins.csv', fingerprint, rows: 344 } }) as StudioModel['origin'];

describe('studioHints', () => {
  it('gives the profile’s range, its top values and the first row’s values for the data the model was trained on', () => {
    const hints = studioHints(model(trained('abc')), dataset);
    expect(hints.bill_length_mm).toEqual({ min: 32.1, max: 59.6, sample: '39.1' });
    expect(hints.island).toEqual({ top: ['Biscoe', 'Dream'], sample: 'Torgersen' });
    // Column names are user data: one named like an Object.prototype member is still just a column.
    expect(Object.getPrototypeOf(hints)).toBeNull();
    expect(hints.constructor).toEqual({ top: ['x'], sample: 'x' });
  });

  it('gives nothing when the loaded data is not the model’s, or the model was imported', () => {
    expect(Object.keys(studioHints(model(trained('other')), dataset))).toEqual([]);
    expect(Object.keys(studioHints(model({ source: 'imported', file: 'm.json', at: 0 }), dataset))).toEqual([]);
    expect(Object.keys(studioHints(model(trained('abc')), undefined))).toEqual([]);
  });
});
