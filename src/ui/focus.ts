import type { Step } from '../state/store';

/** How many animation frames to look for the element before giving up (about a second). */
const TRIES = 60;

/**
 * Focuses what `find` returns once React has drawn it, looking again on each frame for about a
 * second. An element that is not focusable (a heading, a status line) gets `tabIndex = -1` so a script
 * can focus it and Tab carries on from there. Without this, focus falls to the page body whenever the
 * button that had it disappears or is disabled (Next, a sample being read, Train while it runs), and a
 * keyboard or screen-reader user has to start again from the top of the page.
 */
export function focusSoon(find: () => HTMLElement | null, tries = TRIES): void {
  const el = find();
  if (el) {
    if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.tabIndex = -1;
    el.focus();
    return;
  }
  if (tries > 0) requestAnimationFrame(() => focusSoon(find, tries - 1));
}

/** True when nothing has focus (it fell to the body) or `from` still has it: focus can move without taking it from a person who went elsewhere. */
export function focusIsFree(from: Element | null): boolean {
  const now = document.activeElement;
  return now === null || now === document.body || now === from;
}

/** After "Next", focuses the new screen's title: reading (and Tab) resumes at the top of that screen. */
export function focusScreen(step: Step): void {
  focusSoon(() => document.querySelector<HTMLElement>(`#panel-${step} h2`));
}
