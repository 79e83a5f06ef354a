// A worker thread serving as a dense trainer's helper for the tests (team.test.ts): it is what the
// CLI's worker threads do with a `dense` job (cli/parallel.ts), without the CLI around it.
import { parentPort, workerData } from 'node:worker_threads';
import { type DenseTeamMemory, serveDenseHelper } from '../models/mlp/dense/team';

serveDenseHelper(workerData as DenseTeamMemory);
parentPort?.postMessage('stopped');
