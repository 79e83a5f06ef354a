import { useEffect, useRef } from 'react';
import { goTo } from '../../state/actions';
import { STEP_LABELS } from '../components/Stepper';
import { focusSoon } from '../focus';
import { useStudio } from '../useStudio';
import { lessonById } from './catalogue';
import { findControl, ringTarget } from './findControl';
import { LESSONS_TOGGLE } from './LessonsMenu';
import { backStep, leaveLesson, nextStep, useLessons } from './lessonStore';
import { takeOffer } from './offer';
import { usePointer } from './usePointer';

/** Closes the panel with `action` and gives focus back to the Lessons button it was opened from. */
function endWith(action: () => void): void {
  action();
  focusSoon(() => document.getElementById(LESSONS_TOGGLE));
}

/**
 * The lesson under way: a non-modal panel docked at the bottom right, or left when the control is
 * on the right (the studio stays usable beside it) with the step, what to do, and once done the explanation; Back, Next and Leave lesson.
 * The control to use is ringed on the page with the note beside it. It sits early in the tab
 * order (right after the header) so a keyboard user reaches it at once; "Show me" takes focus to
 * the control.
 */
export function LessonPanel() {
  const run = useLessons((s) => s.run);
  const screen = useStudio((s) => s.step);
  const busy = useStudio((s) => s.dataset.state === 'running' || s.prediction.state === 'running' || s.monitor.state === 'running');
  const lesson = run ? lessonById(run.lesson) : undefined;
  const step = run && lesson ? lesson.steps[run.step] : null;
  const spot = usePointer(step, run ? `${run.lesson}:${run.step}` : '');
  const heading = useRef<HTMLHeadingElement>(null);
  const started = run?.lesson;
  // A lesson opened from the menu takes focus to its panel; moving between steps keeps it on the button used.
  useEffect(() => {
    if (started) heading.current?.focus();
  }, [started]);
  if (!run || !lesson || !step) return null;
  const elsewhere = step.screen !== undefined && step.screen !== screen;
  const showMe = () => {
    if (step.screen && step.screen !== screen) goTo(step.screen);
    focusSoon(() => {
      const found = step.control ? findControl(step.control) : null;
      return found ? ringTarget(found) : null;
    });
  };
  const last = run.step === lesson.steps.length - 1;
  return (
    <>
      <aside className={`lesson-panel${spot?.dock === 'left' ? ' dock-left' : ''}`} aria-labelledby="lesson-title">
        <p className="lesson-kicker">
          Lesson · step {run.step + 1} of {lesson.steps.length}
        </p>
        <h2 id="lesson-title" ref={heading} tabIndex={-1}>
          {lesson.title}
        </h2>
        <ol className="lesson-progress" aria-hidden>
          {lesson.steps.map((_, i) => (
            <li key={i} className={i < run.step || (i === run.step && run.done) ? 'done' : i === run.step ? 'now' : undefined} />
          ))}
        </ol>
        <h3 className="lesson-step-title">{step.title}</h3>
        <p className="lesson-note">{step.note}</p>
        {elsewhere && step.screen ? <p className="muted small">This is on the {STEP_LABELS[step.screen]} step.</p> : null}
        <div className="lesson-tools">
          {step.control ? (
            <button type="button" className="small-button" onClick={showMe}>
              {elsewhere && step.screen ? `Go to ${STEP_LABELS[step.screen]}` : 'Show me'}
            </button>
          ) : null}
          {step.offer && !run.done ? (
            <button type="button" className="small-button" disabled={busy} onClick={() => void takeOffer(step.offer!)}>
              {step.offer.label}
            </button>
          ) : null}
        </div>
        <div className="lesson-explain" aria-live="polite">
          {run.done ? <p>{step.explain}</p> : <p className="muted small lesson-waiting" id="lesson-waiting">Waiting for you to do it…</p>}
        </div>
        <div className="lesson-actions">
          {/* aria-disabled, not disabled: the button keeps focus while the next step waits (a disabled one would drop it to the page). */}
          <button type="button" onClick={backStep} aria-disabled={run.step === 0}>
            Back
          </button>
          <button type="button" className="primary" onClick={() => (last && run.done ? endWith(nextStep) : nextStep())} aria-disabled={!run.done} aria-describedby={run.done ? undefined : 'lesson-waiting'}>
            {last ? 'Finish' : 'Next'}
          </button>
          <button type="button" className="ghost lesson-leave" onClick={() => endWith(leaveLesson)}>
            Leave lesson
          </button>
        </div>
      </aside>
      {spot && !elsewhere ? (
        <div className="lesson-callout" style={{ top: spot.top, left: spot.left }} aria-hidden>
          {step.note}
        </div>
      ) : null}
    </>
  );
}
