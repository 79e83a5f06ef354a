import { expose } from 'comlink';
import { type PartTask, parsePart } from '../core/ingest/parallel';
import { blobSource } from '../core/ingest/source';
import { profileColumns } from '../core/profile/profile';
import type { Column } from '../core/table/column';

/** A helper worker of the engine: parses one byte range of a file, or profiles some columns. */
const api = {
  parsePart: (file: Blob, task: PartTask) => parsePart(blobSource(file), task),
  profileColumns: (columns: Column[], rows: number) => profileColumns(columns, rows),
};

export type PartWorkerApi = typeof api;

expose(api);
