import type { ParamSchema } from '../params';
import type { ModelTask } from '../problem';
import type { StateCheck } from './stateCheck';

/**
 * What the studio needs to know of a model family without loading TF.js: its id, name, help, the
 * tasks it can do and its parameter schema. Each family's implementation spreads its entry here.
 */
export interface ModelInfo<S extends ParamSchema = ParamSchema> {
  readonly id: string;
  readonly label: string;
  readonly help: string;
  readonly tasks: readonly ModelTask[];
  /**
   * True when the family takes NaN features as missing values (the trees bin them apart). Families
   * that say false (or nothing) refuse NaN at fit and at predict with a `missing-values` SaplingError.
   */
  readonly handlesMissing?: boolean;
  readonly schema: S;
  /** Whether the family is a TF.js network (it needs a TF.js backend to train and predict). */
  readonly tfjs?: boolean;
  /**
   * For families whose predictions cost in proportion to the training set (k-NN compares each row
   * with every training row): the training metrics are measured on at most this many training
   * rows, a seeded sample, so evaluating does not cost training rows squared.
   */
  readonly trainMetricsRows?: number;
  /**
   * True for a family made of other families (the ensemble): Auto does not compare it beside them
   * (it builds one from its leaders), and comparisons of single families leave it out.
   */
  readonly composite?: boolean;
  /**
   * Checks the family's fitted state as read from a file, before `load` walks or allocates anything
   * (`artifact/checkModel.ts` calls it); every family has one. It lives beside the family in a
   * module without training code or TF.js, so it runs before a lazy family is loaded.
   */
  readonly checkState?: StateCheck;
}
