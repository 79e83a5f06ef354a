import { useState } from 'react';

/**
 * Work the person asks for with a button (measured in the engine, not on every render): whether it
 * is running and its result; `start` passes its arguments on (the column, the setting chosen).
 * Give the component a `key` per model so a new model starts afresh.
 */
export function useOnRequest<T, A extends unknown[] = []>(run: (...args: A) => Promise<T | null>): { running: boolean; result: T | null; start: (...args: A) => void } {
  const [state, setState] = useState<{ running: boolean; result: T | null }>({ running: false, result: null });
  const start = (...args: A) => {
    setState({ running: true, result: null });
    void run(...args).then((result) => setState({ running: false, result }));
  };
  return { ...state, start };
}
