import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { LESSONS } from './catalogue';
import { startLesson, useLessons } from './lessonStore';
import { presenterStored, setPresenter } from './presenter';

/** The id of the header's Lessons button (focus returns to it when a lesson ends or is left). */
export const LESSONS_TOGGLE = 'lessons-toggle';

/**
 * The header's "Lessons" button and the panel it opens below the header: the bundled lessons
 * (start, resume where left, start over) and the Presenter setting. A disclosure, as Run history
 * is: Escape or a press outside closes it, focus goes back to the button.
 */
export function LessonsMenu() {
  const [open, setOpen] = useState(false);
  const [presenter, setPresenterOn] = useState(presenterStored);
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => setPresenter(presenter), [presenter]);
  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('h2')?.focus();
    const outside = (e: PointerEvent) => {
      if (!panel.current?.contains(e.target as Node) && !toggle.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    close();
  };
  return (
    <>
      <button ref={toggle} id={LESSONS_TOGGLE} type="button" className="lessons-toggle" aria-expanded={open} aria-controls="lessons-menu" onClick={() => setOpen(!open)}>
        Lessons
      </button>
      {open ? (
        <div id="lessons-menu" className="lessons-menu card" ref={panel} role="region" aria-labelledby="lessons-menu-title" onKeyDown={onKeyDown}>
          <div className="card-head">
            <h2 id="lessons-menu-title" tabIndex={-1}>
              Lessons
            </h2>
            <button type="button" className="ghost" aria-label="Close lessons" onClick={close}>
              ×
            </button>
          </div>
          <p className="muted small">Short walk-throughs that use the real studio: each step points at what to do, waits for you, then explains what appeared.</p>
          <LessonList onStarted={() => setOpen(false)} />
          <label className="field-check presenter-check">
            <input type="checkbox" checked={presenter} onChange={(e) => setPresenterOn(e.target.checked)} aria-describedby="presenter-help" /> Presenter mode
          </label>
          <p className="muted small" id="presenter-help">
            For a classroom screen: larger type, higher contrast, slower animations. Kept in this browser.
          </p>
        </div>
      ) : null}
    </>
  );
}

/** The lessons, each with Start (or Resume and Start over when left part way) and whether it was finished. */
function LessonList({ onStarted }: { onStarted: () => void }) {
  const progress = useLessons((s) => s.progress);
  const running = useLessons((s) => s.run?.lesson ?? null);
  const start = (id: string, resume: boolean) => {
    onStarted();
    startLesson(id, resume);
  };
  return (
    <ol className="lessons-list">
      {LESSONS.map((lesson, i) => {
        const left = progress.active?.lesson === lesson.id && running !== lesson.id ? progress.active : null;
        const finished = progress.finished.includes(lesson.id);
        return (
          <li key={lesson.id}>
            <div className="lesson-item-text">
              <span className="lesson-item-title">
                {i + 1}. {lesson.title}
              </span>
              {finished ? <span className="ok-text small"> · done</span> : null}
              {running === lesson.id ? <span className="muted small"> · under way</span> : null}
              <span className="muted small lesson-item-summary">{lesson.summary}</span>
            </div>
            <div className="lesson-item-actions">
              {left ? (
                <>
                  <button type="button" className="primary" aria-label={`Resume ${lesson.title} at step ${left.step + 1}`} onClick={() => start(lesson.id, true)}>
                    Resume at step {left.step + 1}
                  </button>
                  <button type="button" aria-label={`Start ${lesson.title} over`} onClick={() => start(lesson.id, false)}>
                    Start over
                  </button>
                </>
              ) : (
                <button type="button" aria-label={`Start ${lesson.title}`} onClick={() => start(lesson.id, false)}>
                  Start
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
