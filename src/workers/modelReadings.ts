import { isUnsupervisedFile, type AnyModelFile, type ModelFile } from '../core/artifact/modelFile';
import { usingModel } from '../core/artifact/predict';
import { type Explanation, explainRows } from '../core/explain/contributions';
import { type CurveRange, curveValues } from '../core/explain/curveRange';
import { type Curve, LEARNING_SIZES, learningCurve, validationCurve } from '../core/explain/curves';
import { type Dependence, partialDependence } from '../core/explain/dependence';
import { type PermutationImportance, permutationImportance } from '../core/explain/permutation';
import { getModel } from '../core/models/registry';
import { type DataTable, fingerprintTable, selectRows } from '../core/table/DataTable';
import type { RunContext } from '../core/train/singleRun';
import { splitForRun } from '../core/train/singleRun';
import { searchSpace } from '../core/tune/space';
import { own } from '../core/util/keyed';
import { SaplingError } from '../core/util/errors';
import { createRng } from '../core/util/rng';
import type { JobProgress } from './protocol';

/** What the readings need of the engine: its loaded table, current model and last predicted rows, and a job's stop check and run context. */
export interface ReadingSource {
  table(): DataTable | null;
  /** The loaded table, or the engine's error saying to load one. */
  requireTable(): DataTable;
  model(): AnyModelFile | null;
  predicted(): DataTable | null;
  startJob(): () => boolean;
  runContext(stopped: () => boolean): RunContext;
}

/**
 * The engine's on-request readings of the current model — permutation importance, learning and
 * validation curves, a prediction's "why?", partial dependence — each on the rows that make sense:
 * the model's own split drawn again when the loaded table is the one it trained on.
 */
export class ModelReadings {
  constructor(private readonly source: ReadingSource) {}

  /**
   * Permutation importance of the current model on the loaded rows it was tested on (the same
   * split again, when the loaded table is the one it trained on), else on all loaded rows.
   */
  async permutationImportance(repeats: number): Promise<PermutationImportance & { readonly on: 'test rows' | 'all loaded rows' }> {
    const file = this.requireSupervisedModel();
    const split = this.modelSplit(file);
    const rows = split?.test ?? this.source.requireTable();
    const on = split ? 'test rows' : 'all loaded rows';
    return usingModel(file, (model) => ({ ...permutationImportance(model, rows, repeats, createRng(file.config.seed)), on }));
  }

  /**
   * The learning curve of the current model's config on the rows it trained on (its split again,
   * when the loaded table is the one it trained on), else on all loaded rows.
   */
  async learningCurve(folds: number, onProgress: (p: JobProgress) => void): Promise<Curve & { readonly rows: number }> {
    const file = this.requireSupervisedModel();
    const rows = this.modelSplit(file)?.train ?? this.source.requireTable();
    const stopped = this.source.startJob();
    onProgress({ kind: 'stage', stage: `training ${LEARNING_SIZES.length} × ${folds} models` });
    const curve = await learningCurve(rows, { ...file.config, validation: undefined }, folds, this.source.runContext(stopped));
    return { ...curve, rows: rows.rowCount };
  }

  /**
   * Why the model predicted row `row` of the last predicted file: how much each input column
   * pushed the prediction from the baseline (exact TreeSHAP for trees, sampled Shapley values
   * otherwise, against the model's training rows when they are loaded, else the predicted rows).
   */
  async explainPrediction(row: number): Promise<Explanation & { readonly row: number; readonly against: 'training rows' | 'predicted rows' }> {
    const file = this.requireSupervisedModel();
    const table = this.source.predicted();
    if (!table) throw new SaplingError('no-predictions', 'predict a file first');
    if (!Number.isInteger(row) || row < 0 || row >= table.rowCount) throw new SaplingError('bad-row', `row ${row + 1} is not among the ${table.rowCount} predicted rows`);
    const train = this.source.table() ? this.modelSplit(file)?.train : undefined;
    return usingModel(file, (model) => {
      const explanation = explainRows(model, selectRows(table, [row]), train ?? table, { rng: createRng(file.config.seed) });
      return { ...explanation, row, against: train ? 'training rows' : 'predicted rows' };
    });
  }

  /**
   * Partial dependence and ICE of the current model on `column`, over the rows it was tested on
   * (when the loaded table is the one it trained on), else the loaded rows, else the predicted ones.
   */
  async dependence(column: string): Promise<Dependence & { readonly on: 'test rows' | 'all loaded rows' | 'predicted rows' }> {
    const file = this.requireSupervisedModel();
    const loaded = this.source.table();
    const predicted = this.source.predicted();
    const split = loaded ? this.modelSplit(file) : null;
    const [rows, on] = split ? [split.test, 'test rows' as const] : loaded ? [loaded, 'all loaded rows' as const] : predicted ? [predicted, 'predicted rows' as const] : [null, null];
    if (!rows || !on) throw new SaplingError('no-data', 'load the data (or predict a file) to draw partial dependence');
    return usingModel(file, (model) => ({ ...partialDependence(model, rows, column, createRng(file.config.seed)), on }));
  }

  /**
   * The current model's validation curve over one of its tunable settings that acts on its task:
   * training and cross-validated scores at the values of `range` (a number setting's default range
   * without one; see `curveValues`), the other settings as trained, on the rows it trained on when
   * they are loaded.
   */
  async validationCurve(param: string, folds: number, range: CurveRange | undefined, onProgress: (p: JobProgress) => void): Promise<Curve & { readonly rows: number; readonly param: string }> {
    const file = this.requireSupervisedModel();
    const { schema } = getModel(file.model.model);
    const spec = own(schema, param);
    if (!spec || !searchSpace(schema, file.problem.task).some((d) => d.name === param)) throw new SaplingError('bad-param', `"${param}" is not a tunable setting of ${file.model.model} for ${file.problem.task}`);
    const values = curveValues(spec, range, spec.label);
    const rows = this.modelSplit(file)?.train ?? this.source.requireTable();
    const stopped = this.source.startJob();
    onProgress({ kind: 'stage', stage: `training ${values.length} × ${folds} models` });
    const config = { ...file.config, model: { id: file.model.model, params: file.model.params }, validation: undefined };
    const curve = await validationCurve(rows, config, param, values, folds, this.source.runContext(stopped), schema[param]?.label);
    return { ...curve, rows: rows.rowCount, param };
  }

  /** The current model, when it has a target. */
  private requireSupervisedModel(): ModelFile {
    const file = this.source.model();
    if (!file || isUnsupervisedFile(file)) throw new SaplingError('no-model', 'train or import a model with a target first');
    return file;
  }

  /**
   * The loaded rows a model trained and was tested on — its split drawn again — when the loaded
   * table is the one it was trained on (same fingerprint, same split sizes); null otherwise.
   */
  private modelSplit(file: ModelFile): { train: DataTable; test: DataTable } | null {
    const table = this.source.requireTable();
    if (fingerprintTable(table) !== file.dataFingerprint) return null;
    const { data, split } = splitForRun(table, file.config);
    if (split.train.length !== file.report.split.train) return null;
    return { train: selectRows(data, split.train), test: selectRows(data, split.test) };
  }
}
