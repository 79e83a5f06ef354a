import { proxyMarker } from 'comlink';
import type { RecipePreview } from '../core/prep/recipePreview';
import { type RecipeRequest, previewOnSample, writePreparedCsv } from '../core/train/preparedData';
import type { DataTable } from '../core/table/DataTable';
import { blobFromChunks } from '../core/util/textChunks';

/** Training rows Prepare's live preview fits the recipe on, at most: fast enough to follow typing (a few ms for the usual steps). */
export const PREVIEW_SAMPLE_ROWS = 1000;

/** Prepare's recipe preview as it crosses to the page. */
export type PreparePreview = RecipePreview & { readonly trainingRows: number };

/** The recipe on the loaded table, for Prepare (a module of the engine, which the page calls as `engine.prepare.…`). */
export class PrepareJobs {
  // Read through the engine's property: `proxyMarker` types it as a remote object (as MonitorJobs).
  readonly [proxyMarker] = true as const;

  constructor(private readonly table: () => DataTable) {}

  /** The recipe fitted on a sample of the training rows, step by step, with the first rows after it. */
  preview(req: RecipeRequest): PreparePreview {
    return previewOnSample(this.table(), req, PREVIEW_SAMPLE_ROWS);
  }

  /** The prepared data set (the model's columns by lineage name, then the target) as a CSV Blob. */
  async preparedCsv(req: RecipeRequest): Promise<{ csv: Blob; rows: number; columns: number }> {
    let size = { rows: 0, columns: 0 };
    const csv = await blobFromChunks(async (write) => {
      size = await writePreparedCsv(this.table(), req, write);
    }, 'text/csv');
    return { csv, ...size };
  }
}
