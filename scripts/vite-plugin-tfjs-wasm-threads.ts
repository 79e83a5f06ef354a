import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/**
 * Makes TF.js's threaded WASM backend survive minification (tensorflow/tfjs#4253).
 *
 * To start its pthread workers, tfjs-backend-wasm hands Emscripten a script made from
 * `wasmFactoryThreadedSimd.toString()`. After a minifier renames identifiers, that function text
 * refers to outer variables that no longer exist in the worker ("e is not defined") and the backend
 * hangs. This plugin replaces the expression with the untouched text of the Emscripten module file,
 * which defines `WasmBackendModuleThreadedSimd` on its own. The build fails loudly if a TF.js update
 * changes the code this patch expects.
 */
export function tfjsWasmThreads(): Plugin {
  const require = createRequire(import.meta.url);
  const pattern = /`var WasmBackendModuleThreadedSimd = `\s*\+\s*wasmFactoryThreadedSimd\.toString\(\)/;
  return {
    name: 'sapling:tfjs-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      if (!/tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js/.test(id.split('?')[0])) return null;
      if (!pattern.test(code)) {
        this.error('tfjs-backend-wasm changed: the threaded-WASM minification patch no longer applies (scripts/vite-plugin-tfjs-wasm-threads.ts)');
      }
      const modulePath = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
      const source = readFileSync(modulePath, 'utf8');
      return { code: code.replace(pattern, () => JSON.stringify(source)), map: null };
    },
  };
}
