import { validateModelFile } from '../artifact/load';
import type { AnyModelFile } from '../artifact/modelFile';
import { getModelInfo } from '../models/info';
import { SaplingError } from '../util/errors';
import { type ColumnHint, type PageField, pageFields } from './fields';
import { escapeHtml, htmlDocumentStart } from './htmlDocument';
import { PAGE_CSS } from './pageCss';
import type { PageData } from './pageData';
import { sha256Base64 } from './sha256';

/** Options of the prediction page beyond the model file. */
export interface PageOptions {
  /** What the studio knows of each input column (profile range, top values, a sample row's value). */
  readonly hints?: Readonly<Record<string, ColumnHint>>;
  /** Rows the batch table shows at most (default 100; the download has them all). */
  readonly previewRows?: number;
}

/**
 * One self-contained HTML file that predicts with `modelFile`: the runtime module's source, the
 * page's program (`pageProgramSource()` of src/page/pageApp.ts, which uses the DOM and so is not
 * core's) and the model are inlined, nothing is fetched, and it works opened from disk. A form drawn from the input
 * schema predicts one row (with a bar per class probability); a CSV chosen in `Data to predict` is
 * predicted into a `Predictions` table with `Download predictions`, as in the studio. Every text of
 * the model file is treated as untrusted: escaped in HTML, and the JSON blocks cannot close their
 * `<script>`. A Content-Security-Policy allows only the page's own inline script and style.
 */
export function predictionPageHtml(runtimeSource: string, programSource: string, modelFile: AnyModelFile | string, options: PageOptions = {}): string {
  const file = typeof modelFile === 'string' ? parseModelFile(modelFile) : validateModelFile(modelFile);
  const fields = pageFields(file, options.hints);
  const data: PageData = { fields, previewRows: options.previewRows ?? 100 };
  const script = `${inlineRuntime(runtimeSource)}\n${programSource}(__saplingRuntime);\n`;
  const csp = [
    "default-src 'none'",
    // wasm-unsafe-eval: the runtime's tree kernels compile their WebAssembly (they fall back to JS without it).
    `script-src 'sha256-${sha256Base64(script)}' 'wasm-unsafe-eval'`,
    `style-src 'sha256-${sha256Base64(PAGE_CSS)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const target = file.problem.target;
  const title = target === null ? (file.problem.task === 'clustering' ? 'Find the group of a row' : 'Place a row on the components') : `Predict ${target}`;
  const label = familyLabel(file.model.model);
  return `${htmlDocumentStart({ csp, title, css: PAGE_CSS })}
<header>
<h1>${escapeHtml(title)}</h1>
<p class="lede">${escapeHtml(`${label} · ${file.problem.task}${file.problem.classes.length ? ` · classes ${file.problem.classes.join(', ')}` : ''} · trained ${file.createdAt.slice(0, 10)}`)}</p>
<p class="lede small">Everything runs in this page: no data leaves your computer.</p>
</header>
<p id="load-error" class="error" role="alert" hidden></p>
<section class="card" aria-labelledby="one-title">
<h2 id="one-title">One row</h2>
<p class="hint">Leave a field empty for a missing value: the model fills it as it learned to.</p>
<form id="one-form" novalidate>
<div class="fields">
${fields.map(fieldHtml).join('\n')}
</div>
<div class="actions"><button type="submit" class="primary">Predict</button></div>
</form>
<p id="one-error" class="error" role="alert" hidden></p>
<div id="one-result" class="result" hidden>
<p class="answer"><span id="prediction-label">Prediction</span> <output id="prediction" aria-labelledby="prediction-label"></output></p>
<div id="one-details"></div>
</div>
</section>
<section class="card" aria-labelledby="batch-title">
<h2 id="batch-title">Many rows</h2>
<label class="drop-label" for="batch">Data to predict</label>
<input id="batch" type="file" accept=".csv,.tsv,.txt,text/csv" aria-describedby="batch-hint">
<p id="batch-hint" class="hint">${escapeHtml(`A CSV with a header line and the columns ${file.inputSchema.map((c) => c.name).join(', ')}.${target === null ? '' : ' The target column may be absent.'}`)}</p>
<p id="batch-error" class="error" role="alert" hidden></p>
<div id="batch-result" hidden>
<div class="actions"><button type="button" id="download" class="primary">Download predictions</button><span id="batch-count" class="hint"></span></div>
<div class="table-scroll" tabindex="0" role="region" aria-label="Scroll the predictions"><table id="predictions" aria-label="Predictions"></table></div>
</div>
</section>
<footer>Made with Sapling ${escapeHtml(file.saplingVersion)} from a ${escapeHtml(label)} model file.</footer>
</main>
<script type="application/json" id="sapling-model">${jsonForScript(file)}</script>
<script type="application/json" id="sapling-page">${jsonForScript(data)}</script>
<script type="module">${script}</script>
</body>
</html>
`;
}

/** The form control of one field, with its label and what is known of its training values. */
function fieldHtml(field: PageField, i: number): string {
  const id = `field-${i}`;
  const name = escapeHtml(field.name);
  const value = escapeHtml(field.initial);
  const hint = fieldHint(field);
  const described = hint ? ` aria-describedby="${id}-hint"` : '';
  let control: string;
  if (field.kind === 'boolean') {
    control = `<select id="${id}"${described}>${option('true', 'yes', field.initial)}${option('false', 'no', field.initial)}${option('', '(missing)', field.initial)}</select>`;
  } else if (field.kind === 'categorical' && !field.otherChoices && field.choices?.length) {
    control = `<select id="${id}"${described}>${field.choices.map((c) => option(c, c, field.initial)).join('')}${option('', '(missing)', field.initial)}</select>`;
  } else if (field.kind === 'categorical' && field.choices?.length) {
    control = `<input id="${id}" type="text" list="${id}-list" value="${value}" autocomplete="off"${described}><datalist id="${id}-list">${field.choices.map((c) => `<option value="${escapeHtml(c)}"></option>`).join('')}</datalist>`;
  } else {
    const mode = field.kind === 'numeric' ? ' inputmode="decimal"' : '';
    control = `<input id="${id}" type="text"${mode} value="${value}" autocomplete="off" spellcheck="false"${described}>`;
  }
  const hintHtml = hint ? `<p class="hint" id="${id}-hint">${escapeHtml(hint)}<span id="${id}-range" class="warn"></span></p>` : '';
  return `<div class="field"><label for="${id}">${name}</label>${control}${hintHtml}</div>`;
}

/** "32.1 – 59.6 in training", "mean 43.8, sd 5.53 in training", "yes or no", "3 categories". */
function fieldHint(field: PageField): string {
  const n = (x: number) => String(Number(x.toPrecision(4)));
  switch (field.kind) {
    case 'numeric':
      if (field.min !== undefined && field.max !== undefined) return field.rangeSource === 'data' ? `In the training data: ${n(field.min)} to ${n(field.max)}.` : `Trained on ${n(field.min)} to ${n(field.max)}.`;
      if (field.mean !== undefined && field.std !== undefined) return `A number; in training: mean ${n(field.mean)}, standard deviation ${n(field.std)}.`;
      return 'A number.';
    case 'categorical':
      if (!field.choices?.length) return 'A category.';
      return field.otherChoices ? `One of the categories seen in training (or another: the model treats it as rare).` : `One of the ${field.choices.length} categories seen in training.`;
    case 'boolean':
      return 'Yes or no.';
    case 'datetime':
      return 'A date or time, such as 2024-01-31.';
    default:
      return 'Text.';
  }
}

function option(value: string, text: string, selected: string): string {
  return `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(text)}</option>`;
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` as `\u003c`…, so no text of
 * the model file can end the block (`</script>`) or open a comment (`<!--`); U+2028/2029 escaped
 * for older JS parsers. JSON.parse reads it back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The runtime module's source made part of the page's one inline module script: its `export {…}`
 * becomes a `__saplingRuntime` object. The built runtime imports nothing (runtime.test.ts checks
 * it); a module that does is refused, since the page could not load what it imports.
 */
export function inlineRuntime(source: string): string {
  const exportList = /\bexport\s*\{([^}]*)\}\s*;?\s*$/.exec(source);
  if (!exportList) throw new SaplingError('bad-runtime', 'the runtime module has no export list at its end (is it sapling-runtime.js?)');
  const entries = exportList[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [local, exported = local] = s.split(/\s+as\s+/);
      return `${JSON.stringify(exported)}:${local}`;
    });
  if (!entries.some((e) => e.startsWith('"loadModel":'))) throw new SaplingError('bad-runtime', 'the runtime module does not export loadModel');
  const body = source.slice(0, exportList.index);
  if (/\bimport\s*["'{*]|\bimport\s+[\w$]+\s+from\b/.test(body)) throw new SaplingError('bad-runtime', 'the runtime module imports other modules, which a one-file page cannot include');
  // `</script` or `<!--` inside the runtime's strings would end or confuse the inline script: \x3C is `<` in JS strings and regular expressions alike.
  const safe = body.replace(/<(?=\/script|script|!--)/gi, '\\x3C');
  return `${safe}\nconst __saplingRuntime={${entries.join(',')}};`;
}

function parseModelFile(text: string): AnyModelFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SaplingError('bad-model-file', `not a Sapling model file: it is not valid JSON (${(e as Error).message})`);
  }
  return validateModelFile(data);
}

function familyLabel(id: string): string {
  try {
    return getModelInfo(id).label;
  } catch {
    return id;
  }
}
