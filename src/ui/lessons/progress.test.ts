import { describe, expect, it } from 'vitest';
import { LESSONS, LESSON_STEPS } from './catalogue';
import { NO_PROGRESS, PROGRESS_KEY, type ProgressStorage, loadProgress, saveProgress, validateProgress } from './progress';

const STEPS = new Map([
  ['a', 3],
  ['b', 5],
]);

/** A Map-backed storage. */
function memory(initial?: string): ProgressStorage & { text: () => string | null } {
  const items = new Map<string, string>(initial === undefined ? [] : [[PROGRESS_KEY, initial]]);
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), text: () => items.get(PROGRESS_KEY) ?? null };
}

describe('lesson progress storage', () => {
  it('round-trips the lesson under way and the lessons finished', () => {
    const storage = memory();
    const progress = { version: 1, active: { lesson: 'b', step: 4 }, finished: ['a'] } as const;
    saveProgress(storage, progress);
    expect(JSON.parse(storage.text()!)).toEqual(progress);
    expect(loadProgress(storage, STEPS)).toEqual(progress);
  });

  it('gives fresh progress for nothing stored, text that is not JSON, JSON of another shape, or another version', () => {
    expect(loadProgress(memory(), STEPS)).toEqual(NO_PROGRESS);
    expect(loadProgress(memory('{"version": 1, "active": '), STEPS)).toEqual(NO_PROGRESS);
    expect(loadProgress(memory('[1, 2]'), STEPS)).toEqual(NO_PROGRESS);
    expect(loadProgress(memory('"a"'), STEPS)).toEqual(NO_PROGRESS);
    expect(loadProgress(memory('null'), STEPS)).toEqual(NO_PROGRESS);
    expect(loadProgress(memory('{"version": 2, "active": {"lesson": "a", "step": 1}, "finished": ["a"]}'), STEPS)).toEqual(NO_PROGRESS);
  });

  it('drops a lesson under way that is unknown or whose step is out of range or not a whole number; keeps what is valid', () => {
    for (const active of [{ lesson: 'gone', step: 0 }, { lesson: 'a', step: 3 }, { lesson: 'a', step: -1 }, { lesson: 'a', step: 1.5 }, { lesson: 'a', step: '1' }, { lesson: 7, step: 0 }, 'a']) {
      expect(validateProgress({ version: 1, active, finished: ['b'] }, STEPS)).toEqual({ version: 1, active: null, finished: ['b'] });
    }
    expect(validateProgress({ version: 1, active: { lesson: 'a', step: 2 }, finished: 'b' }, STEPS)).toEqual({ version: 1, active: { lesson: 'a', step: 2 }, finished: [] });
  });

  it('keeps only known, distinct lesson ids as finished', () => {
    expect(validateProgress({ version: 1, active: null, finished: ['a', 3, null, 'gone', 'a', 'b'] }, STEPS).finished).toEqual(['a', 'b']);
  });

  it('a storage that throws on read or write neither throws nor loses the page’s progress', () => {
    const broken: ProgressStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadProgress(broken, STEPS)).toEqual(NO_PROGRESS);
    expect(() => saveProgress(broken, NO_PROGRESS)).not.toThrow();
    expect(loadProgress(null, STEPS)).toEqual(NO_PROGRESS);
  });

  it('the bundled lessons have distinct ids, and their step counts are what progress is checked against', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const lesson of LESSONS) expect(LESSON_STEPS.get(lesson.id)).toBe(lesson.steps.length);
  });
});
