import { errorMessage } from '../core/util/errors';
import type { ModelSummary, RowMapResult } from '../workers/protocol';
import { requireEngine } from './engineHandle';
import { type JobEvent, jobReducer } from './job';
import { type ColourBy, type StudioState, studio } from './store';

/**
 * The 2-D map of the rows for a model without a target: asked of the engine (which keeps the
 * positions), coloured by the person's choice. Its failures (the data the model reads is not
 * loaded, say) stay in its job and show in its card, not as alerts.
 */

/** Answers to older requests are dropped: only the latest colour choice may land. */
let latest = 0;

function dispatch(event: JobEvent<RowMapResult>): void {
  studio.setState((s) => ({ rowMap: jobReducer(s.rowMap, event) }));
}

/** Computes (or recolours) the map for the current model, when it has no target. */
export async function loadRowMap(): Promise<void> {
  const { current, colourBy } = studio.getState();
  if (current?.kind !== 'unsupervised') return;
  const request = ++latest;
  dispatch({ type: 'start' });
  try {
    const result = await requireEngine().mapRows(typeof colourBy === 'object' && colourBy ? colourBy.column : null);
    if (request === latest) dispatch({ type: 'succeed', result });
  } catch (e) {
    if (request === latest) dispatch({ type: 'fail', error: errorMessage(e) });
  }
}

/** Colours the map by the clusters, a column, or nothing. */
export async function setColourBy(colourBy: ColourBy): Promise<void> {
  studio.setState({ colourBy });
  await loadRowMap();
}

/**
 * The colouring a new model's map starts with: clusters for a clustering model; for a projection,
 * the column chosen before if the data still has it, else the first category column the model does
 * not read (a label left out on purpose, like a species, is what one wants to see separate).
 */
export function initialColourBy(s: StudioState, model: ModelSummary): ColourBy {
  if (model.kind !== 'unsupervised') return null;
  if (model.problem.task === 'clustering') return 'cluster';
  const columns = s.dataset.result?.profile.columns ?? [];
  const before = s.colourBy;
  if (typeof before === 'object' && before && columns.some((c) => c.name === before.column)) return before;
  const inputs = new Set(model.inputSchema.map((c) => c.name));
  const label = columns.find((c) => c.type === 'categorical' && !inputs.has(c.name));
  return label ? { column: label.name } : null;
}
