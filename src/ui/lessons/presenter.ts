import { type ProgressStorage, browserStorage } from './progress';

/** The storage key of the Presenter setting ('on' or absent). */
export const PRESENTER_KEY = 'sapling.presenter';
/** The class on <html> that turns on larger type, higher contrast and slower motion (styles.css, `lessons`). */
export const PRESENTER_CLASS = 'presenter';

/** True when Presenter mode was left on in this browser; anything else stored (or storage refused) is off. */
export function presenterStored(storage: ProgressStorage | null = browserStorage()): boolean {
  try {
    return storage?.getItem(PRESENTER_KEY) === 'on';
  } catch {
    return false;
  }
}

/** Turns Presenter mode on or off on the page and remembers it. */
export function setPresenter(on: boolean, storage: ProgressStorage | null = browserStorage()): void {
  document.documentElement.classList.toggle(PRESENTER_CLASS, on);
  try {
    storage?.setItem(PRESENTER_KEY, on ? 'on' : 'off');
  } catch {
    // Not remembered; still on for this page.
  }
}
