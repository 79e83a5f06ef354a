/**
 * A fuzz worker: builds the kinds from the base files it was given, then runs each case it is
 * sent and answers with its outcome. The main thread times each case and terminates this worker
 * when one does not answer in time (a synchronous endless loop cannot be interrupted otherwise).
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort, workerData } from 'node:worker_threads';
import type { FuzzBases } from '../../src/core/testing/fuzz/bases';
import { fuzzKinds } from '../../src/core/testing/fuzz/kinds';
import { runCase } from '../../src/core/testing/fuzz/outcome';

const { bases, maxField } = workerData as { bases: FuzzBases; maxField: number };
// Deep enough to reach Sapling's own frame under a library's (crashes are grouped by where they were thrown).
Error.stackTraceLimit = 50;
tf.enableProdMode();
await tf.setBackend('cpu');
const kinds = new Map(fuzzKinds(bases, maxField).map((k) => [k.name, k]));

parentPort!.on('message', async (m: { kind: string; index: number; payload: unknown }) => {
  // The caller's clock decides hangs; this limit only keeps a stuck promise from waiting forever.
  const outcome = await runCase(kinds.get(m.kind)!, m.payload, 10 * 60_000);
  parentPort!.postMessage({ index: m.index, outcome });
});
parentPort!.postMessage({ ready: true });
