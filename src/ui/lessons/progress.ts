/**
 * Lesson progress kept in this browser (localStorage): the lesson under way and its step, and the
 * lessons finished. Versioned and validated on load like every saved thing of Sapling: storage that
 * is missing, unreadable, from another version or naming lessons that no longer exist gives a fresh
 * (or trimmed) progress, never an error that stops the studio.
 */

/** The storage key (one JSON value). */
export const PROGRESS_KEY = 'sapling.lessons';
/** The format version written; anything else read is dropped. */
export const PROGRESS_VERSION = 1;

/** What is kept: the lesson under way (null when none) and the ids of lessons finished. */
export interface Progress {
  readonly version: typeof PROGRESS_VERSION;
  readonly active: { readonly lesson: string; readonly step: number } | null;
  readonly finished: readonly string[];
}

/** The small part of `Storage` used, so tests can hand in a map or a storage that throws. */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Progress with nothing begun. */
export const NO_PROGRESS: Progress = { version: PROGRESS_VERSION, active: null, finished: [] };

/**
 * Checks `raw` (parsed JSON of any shape) against the format and the lessons there are
 * (`steps` gives each known lesson's step count). A wrong version or shape gives no progress; an
 * unknown lesson or a step out of range drops the lesson under way; unknown finished ids are dropped.
 */
export function validateProgress(raw: unknown, steps: ReadonlyMap<string, number>): Progress {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return NO_PROGRESS;
  const o = raw as Record<string, unknown>;
  if (o.version !== PROGRESS_VERSION) return NO_PROGRESS;
  const finished = Array.isArray(o.finished) ? [...new Set(o.finished.filter((id): id is string => typeof id === 'string' && steps.has(id)))] : [];
  return { version: PROGRESS_VERSION, active: validActive(o.active, steps), finished };
}

function validActive(raw: unknown, steps: ReadonlyMap<string, number>): Progress['active'] {
  if (typeof raw !== 'object' || raw === null) return null;
  const { lesson, step } = raw as Record<string, unknown>;
  if (typeof lesson !== 'string' || !steps.has(lesson)) return null;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step >= steps.get(lesson)!) return null;
  return { lesson, step };
}

/** Reads the progress from `storage`; anything wrong there (not JSON, storage refused) gives validated or fresh progress. */
export function loadProgress(storage: ProgressStorage | null, steps: ReadonlyMap<string, number>): Progress {
  try {
    const text = storage?.getItem(PROGRESS_KEY);
    return text ? validateProgress(JSON.parse(text), steps) : NO_PROGRESS;
  } catch {
    return NO_PROGRESS;
  }
}

/** Writes the progress; a storage that refuses (private mode, quota) only means it is not kept. */
export function saveProgress(storage: ProgressStorage | null, progress: Progress): void {
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Not kept across reloads; the lesson goes on in this page.
  }
}

/** The browser's localStorage, or null where reading it throws (some privacy settings). */
export function browserStorage(): ProgressStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
