import { type Remote, proxy, wrap } from 'comlink';
import type { Engine } from './engine';

/** The page's handle on the engine worker. */
export type EngineClient = Remote<Engine>;

/** Starts the engine worker (an ES module worker bundled by Vite) and wraps it with comlink. */
export function startEngine(onCrash: (message: string) => void): { engine: EngineClient; terminate: () => void } {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'sapling-engine' });
  // Errors inside calls come back through comlink; this only fires when the worker itself fails.
  worker.addEventListener('error', (e) => onCrash(e.message || 'the engine worker could not run'));
  return { engine: wrap<Engine>(worker), terminate: () => worker.terminate() };
}

/** Wraps a callback so the worker can call it across the boundary. */
export const callback = proxy;
