import { csvLine } from '../ingest/writeCsv';
import { type RecipePreview, previewRecipe } from '../prep/recipePreview';
import { cleanRows, fitPipeline, transformPipeline } from '../prep/recipe';
import type { RecipeSpec } from '../prep/recipeSpec';
import { type Task, isClassification, regressionTarget } from '../problem';
import { type DataTable, dropColumns, getColumn, selectRows } from '../table/DataTable';
import { formatCell } from '../table/column';
import { TextChunker, type TextSink } from '../util/textChunks';
import { splitForRun } from './singleRun';

/*
 * The recipe on the loaded data before any model: the rows it is fitted on (the training split a
 * run would draw, or every row without a target), a preview on a sample of them for Prepare, and
 * the prepared data set (the columns the model sees, by their lineage names) as a CSV.
 */

/** What the studio's recipe is fitted for: the target and its task (null without a target), the recipe and the seed. */
export interface RecipeRequest {
  readonly recipe: RecipeSpec;
  readonly target: string | null;
  readonly task: Task | null;
  readonly seed: number;
}

/**
 * The rows a run would fit the recipe on: every usable row (`all`, target removed), the training
 * rows among them (`train`, row numbers of `all`), and the target aligned with `all` (null without one).
 */
function usableRows(table: DataTable, req: RecipeRequest): UsableRows {
  // The split depends on these alone, not on the steps: while steps are edited it is drawn once.
  const key = JSON.stringify([req.target, req.task, req.seed, req.recipe.testSize, req.recipe.stratify, req.recipe.dropDuplicateRows]);
  const cached = lastSplit.get(table);
  if (cached?.key === key) return cached.rows;
  const rows = drawUsableRows(table, req);
  lastSplit.set(table, { key, rows });
  return rows;
}

type UsableRows = ReturnType<typeof drawUsableRows>;

/** The last split drawn per table (one entry: the studio edits one recipe at a time). */
const lastSplit = new WeakMap<DataTable, { key: string; rows: UsableRows }>();

function drawUsableRows(table: DataTable, req: RecipeRequest) {
  if (req.target === null || req.task === null) {
    const data = cleanRows(table, null, req.recipe.dropDuplicateRows).table;
    return { all: data, train: Int32Array.from({ length: data.rowCount }, (_, i) => i), y: null, target: null };
  }
  const config = { problem: { target: req.target, task: req.task }, recipe: req.recipe, seed: req.seed, model: { id: '', params: {} } };
  const { data, encoded, split } = splitForRun(table, config);
  const column = getColumn(data, req.target);
  const y = { task: isClassification(req.task) ? req.task : 'regression', values: encoded ? Float64Array.from(encoded.y) : Float64Array.from(regressionTarget(column)), classes: encoded?.classes ?? [] } as const;
  return { all: dropColumns(data, [req.target]), train: split.train, y, target: column };
}

/** Rows `rows` of the usable rows, with the fitting context (the seed, and the target aligned with them). */
function fitRows(usable: UsableRows, rows: Int32Array, seed: number) {
  const table = rows.length === usable.all.rowCount && rows.every((r, i) => r === i) ? usable.all : selectRows(usable.all, rows);
  const { y } = usable;
  return { table, context: y ? { seed, target: { task: y.task, y: Float64Array.from(rows, (r) => y.values[r]), classes: y.classes } } : { seed } };
}

/** Evenly spaced row numbers, `count` of 0 … n − 1 (all of them when n ≤ count). */
function evenlySpaced(n: number, count: number): Int32Array {
  if (n <= count) return Int32Array.from({ length: n }, (_, i) => i);
  return Int32Array.from({ length: count }, (_, i) => Math.floor((i * n) / count));
}

/**
 * The recipe fitted on at most `sampleRows` of the training rows (evenly spaced through them; the
 * split has already shuffled them), step by step: what Prepare shows while the recipe is edited.
 */
export function previewOnSample(table: DataTable, req: RecipeRequest, sampleRows = 1000): RecipePreview & { readonly trainingRows: number } {
  const usable = usableRows(table, req);
  // Only the sample's rows are copied: a table of a million rows is not copied per keystroke.
  const picked = evenlySpaced(usable.train.length, sampleRows).map((i) => usable.train[i]);
  const { table: sample, context } = fitRows(usable, picked, req.seed);
  return { ...previewRecipe(sample, req.recipe.steps, context), trainingRows: usable.train.length };
}

/**
 * The prepared data set as CSV: the recipe fitted on the training rows, then applied to every row
 * with a target as at prediction time; one column per model feature named by lineage
 * (`age×fare`, `island=Dream`), then the target. Written to `write` in chunks of bounded size.
 */
export async function writePreparedCsv(table: DataTable, req: RecipeRequest, write: TextSink): Promise<{ rows: number; columns: number }> {
  const usable = usableRows(table, req);
  const { all, target } = usable;
  const { table: training, context } = fitRows(usable, usable.train, req.seed);
  const pipeline = fitPipeline(training, req.recipe.steps, context);
  const prepared = transformPipeline(pipeline, all);
  const columns = pipeline.features.map((f) => getColumn(prepared, f.name));
  const chunker = new TextChunker();
  const flush = async () => {
    for (const chunk of chunker.take()) await write(chunk);
  };
  chunker.add(csvLine([...pipeline.features.map((f) => f.name), ...(target ? [target.name] : [])]) + '\n');
  const cells: string[] = [];
  for (let i = 0; i < prepared.rowCount; i++) {
    cells.length = 0;
    for (const c of columns) cells.push(formatCell(c, i));
    if (target) cells.push(formatCell(target, i));
    chunker.add(csvLine(cells) + '\n');
    if (i % 4096 === 4095) await flush();
  }
  chunker.end();
  await flush();
  return { rows: prepared.rowCount, columns: columns.length };
}
