import { readOnRequest } from '../../state/modelReading';
import { useStudio } from '../useStudio';

/**
 * Work the person asks for with a button (measured in the engine, not on every render): whether it
 * is running and its result; `start` passes its arguments on (the column, the setting chosen).
 * Both are kept in the store under `key` with the current model, so they outlive the component
 * (a visit to another step) and are emptied when the model changes.
 */
export function useOnRequest<T, A extends unknown[] = []>(key: string, run: (...args: A) => Promise<T | null>): { running: boolean; result: T | null; start: (...args: A) => void } {
  const reading = useStudio((s) => s.readings[key]);
  const start = (...args: A) => void readOnRequest(key, () => run(...args));
  // The store holds what `run` returned for this key, so the result is a T.
  return { running: reading?.running ?? false, result: (reading?.result ?? null) as T | null, start };
}
