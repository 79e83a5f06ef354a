import type { StudioState } from '../../state/store';
import { lasting, stateMet } from './conditions';
import type { Lesson } from './types';

/** Where a person is in a lesson: its step, and whether that step's wait is over (its explanation shows). */
export interface LessonRun {
  readonly lesson: string;
  readonly step: number;
  readonly done: boolean;
}

/** The run at step `index` of `lesson` (clamped), done at once when the studio already satisfies its wait (after Back, or a person ahead of the lesson). */
export function enter(lesson: Lesson, index: number, s: StudioState): LessonRun {
  const step = Math.max(0, Math.min(lesson.steps.length - 1, Math.floor(index)));
  return { lesson: lesson.id, step, done: stateMet(lesson.steps[step].wait, s) };
}

/** The run with its wait over (a state change or the awaited click); unchanged when already done. */
export function complete(run: LessonRun): LessonRun {
  return run.done ? run : { ...run, done: true };
}

/**
 * After a studio change: done once the state satisfies the step's wait. A step already done stays
 * done (the person went on to other things; the explanation does not vanish under them).
 */
export function onStudioChange(run: LessonRun, lesson: Lesson, s: StudioState): LessonRun {
  return run.done || !stateMet(lesson.steps[run.step].wait, s) ? run : { ...run, done: true };
}

/** Next: the following step, or 'finished' after the last. Only a done step moves on. */
export function next(run: LessonRun, lesson: Lesson, s: StudioState): LessonRun | 'finished' {
  if (!run.done) return run;
  if (run.step + 1 >= lesson.steps.length) return 'finished';
  return enter(lesson, run.step + 1, s);
}

/** Back: the previous step (the first stays). */
export function back(run: LessonRun, lesson: Lesson, s: StudioState): LessonRun {
  return enter(lesson, run.step - 1, s);
}

/**
 * Where a lesson left at step `saved` resumes: there, unless an earlier step's lasting outcome is
 * gone from the studio (after a reload nothing is loaded or trained), then at the first such step.
 * An outcome a later step replaced on purpose (a deep tree, then a shallow one) is not asked for.
 */
export function resumeAt(lesson: Lesson, saved: number, s: StudioState): number {
  const upTo = Math.max(0, Math.min(lesson.steps.length - 1, Math.floor(saved)));
  for (let i = 0; i < upTo; i++) {
    const { wait } = lesson.steps[i];
    const replaced = lesson.steps.slice(i + 1, upTo).some((later) => later.wait.kind === wait.kind);
    if (lasting(wait) && !replaced && !stateMet(wait, s)) return i;
  }
  return upTo;
}
