import { describe, expect, it } from 'vitest';
import type { DataProfile } from '../core/profile/profile';
import type { ModelSummary } from '../workers/protocol';
import { initialColourBy } from './rowMap';
import { INITIAL_STATE, type StudioState } from './store';

function state(columns: { name: string; type: string }[], colourBy: StudioState['colourBy'] = null): StudioState {
  const profile = { columns } as unknown as DataProfile;
  return { ...INITIAL_STATE, colourBy, dataset: { state: 'succeeded', result: { profile } as never } };
}

function model(task: 'clustering' | 'projection', inputs: string[]): ModelSummary {
  return { kind: 'unsupervised', problem: { target: null, task, classes: [] }, inputSchema: inputs.map((name) => ({ name, kind: 'numeric' })) } as unknown as ModelSummary;
}

const penguins = [
  { name: 'species', type: 'categorical' },
  { name: 'island', type: 'categorical' },
  { name: 'bill_length_mm', type: 'numeric' },
];

describe('initialColourBy', () => {
  it('colours a clustering model’s rows by cluster', () => {
    expect(initialColourBy(state(penguins, { column: 'island' }), model('clustering', ['island']))).toBe('cluster');
  });

  it('colours a projection by the category column the model does not read, such as a label left out', () => {
    expect(initialColourBy(state(penguins), model('projection', ['island', 'bill_length_mm']))).toEqual({ column: 'species' });
    expect(initialColourBy(state(penguins), model('projection', ['species', 'island', 'bill_length_mm']))).toBeNull();
  });

  it('keeps the column chosen before while the data still has it', () => {
    expect(initialColourBy(state(penguins, { column: 'bill_length_mm' }), model('projection', ['island']))).toEqual({ column: 'bill_length_mm' });
    expect(initialColourBy(state(penguins, { column: 'gone' }), model('projection', ['island', 'bill_length_mm']))).toEqual({ column: 'species' });
  });
});
