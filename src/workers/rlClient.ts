import { type Remote, wrap } from 'comlink';
import type { RlJobs } from './rlJobs';

/** The page's handle on the lab's worker. */
export type RlClient = Remote<RlJobs>;

/** Starts the lab's worker (an ES module worker bundled by Vite) and wraps it with comlink. */
export function startRl(onCrash: (message: string) => void): { rl: RlClient; terminate: () => void } {
  const worker = new Worker(new URL('./rl.worker.ts', import.meta.url), { type: 'module', name: 'sapling-rl' });
  worker.addEventListener('error', (e) => onCrash(e.message || 'the lab’s worker could not run'));
  return { rl: wrap<RlJobs>(worker), terminate: () => worker.terminate() };
}
