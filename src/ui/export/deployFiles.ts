import { type ColumnHint, profileHints } from '../../core/deploy/fields';
import { keyed } from '../../core/util/keyed';
import type { DatasetSummary } from '../../workers/protocol';
import type { StudioModel } from '../../state/modelOrigin';

/**
 * The built runtime module, `sapling-runtime.js`, as the studio's build wrote it beside the app
 * (`<outDir>/runtime/`, scripts/build-runtime.ts). Fetched from the studio's own origin when first
 * needed rather than bundled (`?raw`): it is written after the app's bundle, it is ~55 KB (20 KB gzipped) the
 * studio does not need until Deploy is used, and the page inlines the very bytes "Download runtime module"
 * offers. Same origin, so it works with no network beyond the studio's host.
 */
export async function fetchRuntime(): Promise<string> {
  const text = await fetchBuilt('runtime/sapling-runtime.js');
  if (text === null) throw new Error('The runtime module (runtime/sapling-runtime.js) is not beside the studio: it is written by the production build (npm run build), not by the dev server.');
  return text;
}

/** The standalone server (`server/sapling-serve.mjs` beside the studio), or null when this build has none. */
export async function fetchServer(): Promise<string | null> {
  return fetchBuilt('server/sapling-serve.mjs');
}

/** A built file beside the studio; null when it is not there (a static host's fallback answers with the app's index.html). */
async function fetchBuilt(path: string): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch(`${import.meta.env.BASE_URL}${path}`, { cache: 'no-cache' });
  } catch {
    return null;
  }
  if (!response.ok || /html/i.test(response.headers.get('content-type') ?? '')) return null;
  const text = await response.text();
  return /^\s*<!doctype/i.test(text) ? null : text;
}

/**
 * What the studio knows of the model's input columns beyond the model file, for the prediction
 * page's form and the snippets: the profile's range and most frequent values and the first row's
 * values, taken only when the loaded data is the data the model was trained on (same fingerprint).
 */
export function studioHints(model: StudioModel, dataset: DatasetSummary | undefined): Record<string, ColumnHint> {
  if (!dataset || model.origin.source !== 'trained' || model.origin.data.fingerprint !== dataset.fingerprint) return keyed<ColumnHint>();
  const row = dataset.preview.rows[0];
  return profileHints(model.inputSchema, dataset.profile, row ? { columns: dataset.preview.columns, row } : undefined);
}
