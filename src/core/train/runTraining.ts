import type { ModelFile } from '../artifact/modelFile';
import type { DataTable } from '../table/DataTable';
import type { TrainConfig } from './config';
import { crossValidate } from './crossValidate';
import type { TrainReport } from './report';
import { type RunContext, singleRun } from './singleRun';

/**
 * The whole training path on one table: clean rows, split (seeded, stratified), cross-validate on
 * the training rows when the config asks (`config.validation`; the test set stays unseen until the
 * end), fit the pipeline on the training split only, train the model, evaluate on both splits, and
 * package the model file. With `heldOut`, every row of `table` trains and `heldOut` is the test
 * set (no split).
 */
export function runTraining(table: DataTable, config: TrainConfig, ctx: RunContext = {}, heldOut?: DataTable): Promise<{ file: ModelFile; report: TrainReport }> {
  const { validation } = config;
  return singleRun(table, config, ctx, heldOut, validation ? (rows) => crossValidate(rows, config, validation, ctx) : undefined);
}
