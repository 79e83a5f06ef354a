import { describe, expect, it } from 'vitest';
import type { StudioModel } from '../../state/modelOrigin';
import { INITIAL_STATE, type StudioState } from '../../state/store';
import type { DatasetSummary, TargetSummary } from '../../workers/protocol';
import { LESSONS } from './catalogue';
import { lasting, stateMet } from './conditions';
import { back, complete, enter, next, onStudioChange, resumeAt } from './sequence';
import type { Lesson } from './types';

/** A lesson of five steps: load, a screen, a target, train a shallow tree, click. */
const LESSON: Lesson = {
  id: 'test',
  title: 'Test',
  summary: '',
  steps: [
    { title: 'load', note: '', explain: '', wait: { kind: 'data', file: 'penguins.csv' } },
    { title: 'problem', note: '', explain: '', wait: { kind: 'screen', step: 'problem' } },
    { title: 'target', note: '', explain: '', wait: { kind: 'target', column: 'species' } },
    { title: 'train', note: '', explain: '', wait: { kind: 'trained', model: 'tree', param: { key: 'maxDepth', missing: 0, atLeast: 1, atMost: 3 } } },
    { title: 'export', note: '', explain: '', wait: { kind: 'click' } },
  ],
};

const loaded = (name = 'penguins.csv'): Partial<StudioState> => ({ dataset: { state: 'succeeded', result: { name } as DatasetSummary } });
const targeted: Partial<StudioState> = { target: 'species', targetSummary: { task: 'multiclass' } as TargetSummary };
const trained = (model: string, params: Record<string, unknown>): Partial<StudioState> => ({
  training: { state: 'succeeded' },
  current: { origin: { source: 'trained' }, report: { model, params } } as unknown as StudioModel,
});
const state = (...parts: Partial<StudioState>[]): StudioState => Object.assign({}, INITIAL_STATE, ...parts) as StudioState;

describe('lesson waits on studio state', () => {
  it('data waits for that file read, a target for that column without an error, a screen for that screen', () => {
    expect(stateMet({ kind: 'data', file: 'penguins.csv' }, state())).toBe(false);
    expect(stateMet({ kind: 'data', file: 'penguins.csv' }, state(loaded('iris.csv')))).toBe(false);
    expect(stateMet({ kind: 'data', file: 'penguins.csv' }, state(loaded()))).toBe(true);
    expect(stateMet({ kind: 'target', column: 'species' }, state(targeted))).toBe(true);
    expect(stateMet({ kind: 'target', column: 'species' }, state(targeted, { targetSummary: { task: 'multiclass', error: 'one class' } as TargetSummary }))).toBe(false);
    expect(stateMet({ kind: 'target', column: 'sex' }, state(targeted))).toBe(false);
    expect(stateMet({ kind: 'screen', step: 'train' }, state({ step: 'train' }))).toBe(true);
    expect(stateMet({ kind: 'screen', step: 'train' }, state({ step: 'evaluate' }))).toBe(false);
  });

  it('trained checks the family and the setting as trained, the schema default standing for a setting left out', () => {
    const wait = LESSON.steps[3].wait;
    expect(stateMet(wait, state(trained('tree', { maxDepth: 2 })))).toBe(true);
    expect(stateMet(wait, state(trained('tree', { maxDepth: 5 })))).toBe(false);
    expect(stateMet(wait, state(trained('tree', {})))).toBe(false);
    expect(stateMet(wait, state(trained('forest', { maxDepth: 2 })))).toBe(false);
    expect(stateMet(wait, state(trained('tree', { maxDepth: 2 }), { training: { state: 'running' } }))).toBe(false);
    expect(stateMet({ kind: 'trained', model: 'tree', param: { key: 'maxDepth', missing: 0, atMost: 0 } }, state(trained('tree', {})))).toBe(true);
  });

  it('a reading is met once its result is in, not while it runs or after it failed', () => {
    const wait = { kind: 'reading', key: 'size-curve' } as const;
    expect(stateMet(wait, state({ readings: { 'size-curve': { running: true, result: null } } }))).toBe(false);
    expect(stateMet(wait, state({ readings: { 'size-curve': { running: false, result: null } } }))).toBe(false);
    expect(stateMet(wait, state({ readings: { 'size-curve': { running: false, result: { x: [] } } } }))).toBe(true);
  });

  it('page waits are never met by state, and only outcomes kept in the studio last', () => {
    expect(stateMet({ kind: 'click' }, state(loaded()))).toBe(false);
    expect(stateMet({ kind: 'read' }, state())).toBe(true);
    expect(LESSON.steps.map((s) => lasting(s.wait))).toEqual([true, false, true, true, false]);
  });
});

describe('lesson step sequencing', () => {
  it('a step waits, is done by the studio change it waits for, and only then Next moves on', () => {
    let run = enter(LESSON, 0, state());
    expect(run).toEqual({ lesson: 'test', step: 0, done: false });
    expect(next(run, LESSON, state())).toBe(run);
    run = onStudioChange(run, LESSON, state({ step: 'problem' }));
    expect(run.done).toBe(false);
    run = onStudioChange(run, LESSON, state(loaded()));
    expect(run.done).toBe(true);
    const moved = next(run, LESSON, state(loaded()));
    expect(moved).toEqual({ lesson: 'test', step: 1, done: false });
  });

  it('a step already satisfied on entering is done at once; a done step stays done when the studio moves on', () => {
    const run = enter(LESSON, 1, state({ step: 'problem' }));
    expect(run.done).toBe(true);
    expect(onStudioChange(run, LESSON, state({ step: 'data' }))).toBe(run);
  });

  it('a click wait is done only by complete(); Next after the last step finishes the lesson; Back stops at the first', () => {
    let run = enter(LESSON, 4, state());
    expect(run.done).toBe(false);
    run = complete(run);
    expect(run.done).toBe(true);
    expect(next(run, LESSON, state())).toBe('finished');
    expect(back(enter(LESSON, 0, state()), LESSON, state()).step).toBe(0);
    expect(back(run, LESSON, state()).step).toBe(3);
    expect(enter(LESSON, 99, state()).step).toBe(4);
  });

  it('resumes where it was left while the studio still has what earlier steps made, else at the first step that made what is gone', () => {
    const all = state(loaded(), targeted, trained('tree', { maxDepth: 2 }));
    expect(resumeAt(LESSON, 4, all)).toBe(4);
    // After a reload nothing is loaded: back to loading the data.
    expect(resumeAt(LESSON, 4, state())).toBe(0);
    // The target was changed since: back to choosing it.
    expect(resumeAt(LESSON, 4, state(loaded(), { target: 'sex', targetSummary: { task: 'binary' } as TargetSummary }, trained('tree', { maxDepth: 2 })))).toBe(2);
    // The screen step is not lasting: being elsewhere now does not send the person back.
    expect(resumeAt(LESSON, 2, state(loaded(), { step: 'data' }))).toBe(2);
    expect(resumeAt(LESSON, 99, all)).toBe(4);
  });

  it('an outcome replaced on purpose by a later step (a deep tree, then a shallow one) is not asked for again', () => {
    const overfitting = LESSONS.find((l) => l.id === 'overfitting')!;
    const shallow = state(loaded(), targeted, trained('tree', { maxDepth: 2 }), { modelId: 'tree', modelParams: { maxDepth: 2 } });
    const last = overfitting.steps.length - 1;
    expect(resumeAt(overfitting, last, shallow)).toBe(last);
  });
});
