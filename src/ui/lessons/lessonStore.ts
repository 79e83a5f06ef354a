import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { studio } from '../../state/store';
import { LESSON_STEPS, lessonById } from './catalogue';
import { type Progress, browserStorage, loadProgress, saveProgress } from './progress';
import { type LessonRun, back, complete, enter, next, onStudioChange, resumeAt } from './sequence';

/**
 * The lesson being shown (null when none) and the progress kept in this browser. Lessons are a
 * layer over the studio: they read the studio store and never change it, so this is its own small
 * store beside it, saved to localStorage on every change (progress.ts).
 */
export interface LessonState {
  readonly run: LessonRun | null;
  readonly progress: Progress;
}

const storage = browserStorage();

/** The lessons' store (framework-free; components read it through `useLessons`). */
export const lessons = createStore<LessonState>(() => ({ run: null, progress: loadProgress(storage, LESSON_STEPS) }));

/** Reads a slice of the lessons' store. */
export function useLessons<T>(selector: (s: LessonState) => T): T {
  return useStore(lessons, selector);
}

/** Sets the run and saves where it is (the lesson left open is resumed from there). */
function show(run: LessonRun | null): void {
  const { progress } = lessons.getState();
  const next: Progress = { ...progress, active: run ? { lesson: run.lesson, step: run.step } : progress.active };
  lessons.setState({ run, progress: next });
  saveProgress(storage, next);
}

/** Starts lesson `id` from its first step, or where it was left when `resume` (earlier if the studio lost what a step made). */
export function startLesson(id: string, resume = false): void {
  const lesson = lessonById(id);
  if (!lesson) return;
  const saved = lessons.getState().progress.active;
  const s = studio.getState();
  const at = resume && saved?.lesson === id ? resumeAt(lesson, saved.step, s) : 0;
  show(enter(lesson, at, s));
}

/** Leaves the lesson shown; its place is kept, to resume from the Lessons menu. */
export function leaveLesson(): void {
  show(null);
}

/** Next step; after the last, the lesson is finished and forgotten as the one under way. */
export function nextStep(): void {
  const { run } = lessons.getState();
  const lesson = run && lessonById(run.lesson);
  if (!run || !lesson) return;
  const moved = next(run, lesson, studio.getState());
  if (moved !== 'finished') return show(moved);
  const { progress } = lessons.getState();
  const ended: Progress = { ...progress, active: null, finished: progress.finished.includes(lesson.id) ? progress.finished : [...progress.finished, lesson.id] };
  lessons.setState({ run: null, progress: ended });
  saveProgress(storage, ended);
}

/** The previous step. */
export function backStep(): void {
  const { run } = lessons.getState();
  const lesson = run && lessonById(run.lesson);
  if (run && lesson) show(back(run, lesson, studio.getState()));
}

/** The step's awaited page event happened (its control was used, or what it waits for appeared). */
export function stepHappened(): void {
  const { run } = lessons.getState();
  if (run && !run.done) show(complete(run));
}

// Every studio change may end the wait of the step shown.
studio.subscribe((s) => {
  const { run } = lessons.getState();
  const lesson = run && lessonById(run.lesson);
  if (!run || !lesson) return;
  const after = onStudioChange(run, lesson, s);
  if (after !== run) show(after);
});
