import { useState } from 'react';

/**
 * Work the person asks for with a button (measured in the engine, not on every render): whether it
 * is running and its result. Give the component a `key` per model so a new model starts afresh.
 */
export function useOnRequest<T>(run: () => Promise<T | null>): { running: boolean; result: T | null; start: () => void } {
  const [state, setState] = useState<{ running: boolean; result: T | null }>({ running: false, result: null });
  const start = () => {
    setState({ running: true, result: null });
    void run().then((result) => setState({ running: false, result }));
  };
  return { ...state, start };
}
