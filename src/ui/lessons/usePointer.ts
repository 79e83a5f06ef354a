import { useEffect, useState } from 'react';
import { findControl, pageMet, ringTarget } from './findControl';
import { lessons, stepHappened } from './lessonStore';
import type { LessonStep } from './types';

/** The class that rings the control a lesson step points at (styles.css, `lessons`). */
export const RING_CLASS = 'lesson-target';
/** How often the page is looked at for the step's control (it may be drawn later, or move). */
const LOOK_MS = 250;

/**
 * Where the note beside the control goes, in page coordinates, and the side of the window the
 * lesson panel docks to: the one away from the control, so the panel never covers it.
 */
export interface Spot {
  readonly top: number;
  readonly left: number;
  readonly dock: 'left' | 'right';
}

/**
 * Points at the control of `step` (`key` names the lesson's step) while it is shown: rings it (the summary of the closed
 * disclosure hiding it), scrolls it into view once, and reports where the note beside it goes.
 * Also watches the page for the step's page waits: a click on the control, something appearing, a choice made.
 * The page is looked at on a short timer rather than observed: screens draw parts late (deferred
 * tables, charts) and the control can move as they do.
 */
export function usePointer(step: LessonStep | null, key: string): Spot | null {
  const [spot, setSpot] = useState<Spot | null>(null);
  useEffect(() => {
    if (!step?.control) return;
    const control = step.control;
    // Read from the store, not a dependency: a step becoming done must not ring, scroll and listen afresh.
    const isDone = () => lessons.getState().run?.done ?? true;
    let ringed: HTMLElement | null = null;
    let scrolled = false;
    const look = () => {
      const found = findControl(control);
      const ring = found ? ringTarget(found) : null;
      if (ring !== ringed) {
        ringed?.classList.remove(RING_CLASS);
        ring?.classList.add(RING_CLASS);
        ringed = ring;
      }
      if (ring && !scrolled) {
        scrolled = true;
        const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        ring.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
      }
      if (!isDone() && pageMet(step)) stepHappened();
      const box = ring?.getBoundingClientRect();
      setSpot((old) => {
        if (!box) return null;
        const top = Math.round(box.bottom + window.scrollY + 6);
        const left = Math.round(Math.max(8, box.left + window.scrollX));
        const dock = box.left + box.width / 2 > window.innerWidth / 2 ? 'left' : 'right';
        return old && old.top === top && old.left === left && old.dock === dock ? old : { top, left, dock };
      });
    };
    // A click (or Enter/Space, which click) on the control ends a `click` wait.
    const onClick = (e: MouseEvent) => {
      if (isDone() || step.wait.kind !== 'click' || !(e.target instanceof Node)) return;
      const found = findControl(control);
      if (found && (found === e.target || found.contains(e.target))) stepHappened();
    };
    look();
    const timer = window.setInterval(look, LOOK_MS);
    document.addEventListener('click', onClick, true);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('click', onClick, true);
      ringed?.classList.remove(RING_CLASS);
    };
  }, [step, key]);
  return step?.control ? spot : null;
}
