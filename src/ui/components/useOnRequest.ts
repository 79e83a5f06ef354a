import { readOnRequest } from '../../state/modelReading';
import type { StudioState } from '../../state/store';
import { useStudio } from '../useStudio';

/**
 * Work the person asks for with a button (measured in the engine, not on every render): whether it
 * is running and its result; `start` passes its arguments on (the column, the setting chosen).
 * Both are kept in the store under `key` with the current model, so they outlive the component
 * (a visit to another step) and are emptied when the model changes. `blocked` says why it cannot
 * run now (null when it can); give the button `aria-describedby={describedBy}` and draw
 * `RequestNotes` beside it, so the reason and any failure are read out and seen there.
 */
export function useOnRequest<T, A extends unknown[] = []>(key: string, run: (...args: A) => Promise<T | null>): { running: boolean; result: T | null; start: (...args: A) => void; blocked: string | null; describedBy: string | undefined } {
  const reading = useStudio((s) => s.readings[key]);
  const blocked = useStudio(readingBlocker(key));
  const start = (...args: A) => void readOnRequest(key, () => run(...args));
  // The store holds what `run` returned for this key, so the result is a T.
  return { running: reading?.running ?? false, result: (reading?.result ?? null) as T | null, start, blocked, describedBy: blocked ? blockedId(key) : undefined };
}

/**
 * Why Evaluate's measurement `key` of the model cannot run now: they predict and train on the
 * loaded rows (an imported model comes without them); partial dependence can use predicted rows.
 */
export function readingBlocker(key: string): (s: StudioState) => string | null {
  return (s) => {
    if (s.dataset.state === 'running') return 'Wait until the data is read.';
    if (s.dataset.result || (key === 'dependence' && s.prediction.result)) return null;
    return `No data is loaded: this measures the model on its rows. Load the data it was trained on in step 1, Data${key === 'dependence' ? ', or predict a file on Export' : ''}.`;
  };
}

/** The id of reading `key`'s reason it cannot run, for aria-describedby. */
export function blockedId(key: string): string {
  return `${key}-blocked`;
}
