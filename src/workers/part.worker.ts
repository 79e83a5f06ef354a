import { expose, transfer } from 'comlink';
import { type PartTask, parsePart } from '../core/ingest/parallel';
import { blobSource } from '../core/ingest/source';
import { type ForestChunk, growForestChunk } from '../core/models/trees/forestChunk';
import { type DenseTeamMemory, serveDenseHelper } from '../core/models/mlp/dense/team';
import { type TeamMemory, serveHistogramHelper } from '../core/models/trees/histogramTeam';
import { profileColumns } from '../core/profile/profile';
import type { Column } from '../core/table/column';
import { TrialServer } from '../core/tune/trialHost';
import type { TrialRequest } from '../core/tune/trialProtocol';

const trials = new TrialServer();

/** A helper worker of the engine: parses one byte range of a file, profiles some columns, grows trees, or scores tuning trials. */
const api = {
  parsePart: (file: Blob, task: PartTask) => parsePart(blobSource(file), task),
  profileColumns: (columns: Column[], rows: number) => profileColumns(columns, rows),
  growForestChunk: (chunk: ForestChunk) => {
    const result = growForestChunk(chunk);
    return transfer(result, [result.oobSum.buffer, result.oobCount.buffer]);
  },
  /** Blocks this worker as a boosting histogram helper until the training run stops it. */
  serveHistograms: (memory: TeamMemory) => serveHistogramHelper(memory),
  /** Blocks this worker as a dense trainer's helper (half of each batch) until the training run stops it. */
  serveDense: (memory: DenseTeamMemory) => serveDenseHelper(memory),
  /** Cross-validates one tuning candidate on the search's table (sent with the first request of a search). */
  runTrial: (request: TrialRequest) => trials.run(request),
  endTrials: (search: number) => trials.end(search),
};

export type PartWorkerApi = typeof api;

expose(api);
