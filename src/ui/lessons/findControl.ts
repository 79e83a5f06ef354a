import type { Control, LessonStep } from './types';

/** The elements that have each ARIA role the lessons point at (native elements with that implicit role, then explicit roles). */
const ROLE_SELECTORS: Record<string, string> = {
  button: 'button:not([role]), [role="button"], input[type="button"], input[type="submit"]',
  tab: '[role="tab"]',
  combobox: 'select:not([multiple]):not([size]), [role="combobox"]',
  spinbutton: 'input[type="number"], [role="spinbutton"]',
  radio: 'input[type="radio"], [role="radio"]',
  checkbox: 'input[type="checkbox"], [role="checkbox"]',
  table: 'table:not([role]), [role="table"], [role="grid"]',
  img: '[role="img"]',
  region: '[role="region"], section[aria-label], section[aria-labelledby]',
  group: '[role="group"], fieldset',
  heading: 'h1, h2, h3, h4, [role="heading"]',
};

/** An element's text as a screen reader reads it: without what is aria-hidden, spaces collapsed. */
function visibleText(el: Element): string {
  let text = '';
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
    else if (node instanceof Element && node.getAttribute('aria-hidden') !== 'true') text += ` ${visibleText(node)} `;
  }
  return text;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * An element's accessible name, as far as the studio's controls need it (a subset of the W3C
 * accname steps): aria-labelledby, aria-label, its <label>s, then its own text.
 */
export function accessibleName(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const parts = labelledBy.split(/\s+/).map((id) => el.ownerDocument.getElementById(id)).filter((x): x is HTMLElement => x !== null);
    if (parts.length) return squash(parts.map(visibleText).join(' '));
  }
  const label = el.getAttribute('aria-label');
  if (label) return squash(label);
  const labels = (el as HTMLInputElement).labels;
  if (labels && labels.length) return squash(Array.from(labels).map(visibleText).join(' '));
  if (el.tagName === 'SELECT' || el.tagName === 'INPUT' || el.tagName === 'TABLE') return '';
  return squash(visibleText(el));
}

/**
 * True when `el` is on the page for a person to see: it takes up room (not display:none) and is not
 * inside a closed disclosure (Chrome still lays out a closed <details>' content, so it has boxes).
 */
function shown(el: Element): boolean {
  const closed = el.closest('details:not([open])');
  if (closed && !closed.querySelector(':scope > summary')?.contains(el)) return false;
  return el.getClientRects().length > 0;
}

/** The element `control` names on the page (the first shown one), or null when the screen does not have it. */
export function findControl(control: Control, root: ParentNode = document): HTMLElement | null {
  let candidates: HTMLElement[];
  if ('lesson' in control) candidates = Array.from(root.querySelectorAll<HTMLElement>(`[data-lesson="${CSS.escape(control.lesson)}"]`));
  else if ('label' in control) {
    candidates = Array.from(root.querySelectorAll<HTMLElement>('input, select, textarea')).filter((el) => {
      const labels = (el as HTMLInputElement).labels;
      return labels !== null && Array.from(labels).some((l) => squash(visibleText(l)) === control.label);
    });
  } else {
    const selector = ROLE_SELECTORS[control.role] ?? `[role="${CSS.escape(control.role)}"]`;
    candidates = Array.from(root.querySelectorAll<HTMLElement>(selector)).filter((el) => {
      const name = accessibleName(el);
      return control.prefix ? name.startsWith(control.name) : name === control.name;
    });
  }
  // Inside the lesson's own panel is never what a step points at (its text may quote the control).
  candidates = candidates.filter((el) => !el.closest('.lesson-panel'));
  return candidates.find(shown) ?? candidates[0] ?? null;
}

/**
 * What to ring on the page for `el`: the label around a radio button or checkbox, the element
 * itself when shown, else the summary of the closed disclosure that hides it (a model setting
 * inside "Settings"), else null.
 */
export function ringTarget(el: HTMLElement): HTMLElement | null {
  // A radio button or checkbox is a small circle or box: ring its label, which is what a person reads and clicks.
  const label = el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox') ? el.closest('label') : null;
  if (label && shown(label)) return label;
  if (shown(el)) return el;
  const closed = el.closest('details:not([open])');
  const summary = closed?.querySelector(':scope > summary');
  return summary instanceof HTMLElement ? summary : null;
}

/**
 * True when the page shows what a page wait of `step` waits for: `shown`, its element (with its
 * text, if given); `chosen`, the step's control checked, pressed, or showing the option. Other
 * waits (state, or `click`, which is an event) are not read off the page: false.
 */
export function pageMet(step: LessonStep, root: ParentNode = document): boolean {
  const { wait } = step;
  if (wait.kind === 'shown') {
    const found = findControl(wait.control, root);
    return found !== null && shown(found) && (wait.text === undefined || squash(found.textContent ?? '') === wait.text);
  }
  if (wait.kind !== 'chosen' || !step.control) return false;
  const el = findControl(step.control, root);
  if (el instanceof HTMLSelectElement) return wait.option !== undefined && squash(el.selectedOptions[0]?.textContent ?? '') === wait.option;
  if (el instanceof HTMLInputElement) return el.checked;
  return el?.getAttribute('aria-pressed') === 'true';
}
