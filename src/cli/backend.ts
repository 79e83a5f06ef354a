import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/**
 * Picks the TF.js backend for Node: WASM (about twice as fast as the pure-JS CPU backend here), else
 * CPU. `tfjs-node` is not used because its install downloads a native binary. `setBackend` can
 * resolve false without throwing, so the active backend is checked by name.
 */
export async function initNodeBackend(preferred?: string): Promise<string> {
  tf.enableProdMode(); // skips per-op NaN checks and the "install tfjs-node" banner
  for (const name of preferred ? [preferred] : ['wasm', 'cpu']) {
    try {
      if ((await tf.setBackend(name)) && tf.getBackend() === name) {
        await tf.ready();
        return name;
      }
    } catch {
      // try the next backend
    }
  }
  throw new Error(`no TF.js backend could start${preferred ? ` (asked for "${preferred}")` : ''}`);
}
