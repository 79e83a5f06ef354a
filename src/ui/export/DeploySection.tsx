import { useId, useMemo, useRef, useState } from 'react';
import { parseAnyModelFile } from '../../core/artifact/load';
import { type PageField, pageFields } from '../../core/deploy/fields';
import { type Snippet, deploySnippets, sampleRow } from '../../core/deploy/snippets';
import { formatBytes } from '../../core/util/bytes';
import { clearErrors, exportModelFile, showError } from '../../state/actions';
import type { StudioModel } from '../../state/modelOrigin';
import { ActionError } from '../components/ActionError';
import { downloadBlob } from '../download';
import { useStudio } from '../useStudio';
import { fetchRuntime, fetchServer, studioHints } from './deployFiles';

const ORIGIN = 'export:deploy';

/**
 * Export's Deploy: the model taken out of the studio as a one-file prediction page, the runtime
 * module for one's own code, code snippets with the model's column names, and a server bundle.
 * `name` is the model file's name without `.json` (the name `sapling serve` gives the model).
 */
export function DeploySection({ name }: { name: string }) {
  const current = useStudio((s) => s.current);
  const dataset = useStudio((s) => s.dataset.result);
  const training = useStudio((s) => s.training.state === 'running');
  const [busy, setBusy] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ for: typeof current; text: string } | null>(null);
  const hints = useMemo(() => (current ? studioHints(current, dataset) : {}), [current, dataset]);
  // The model file's text, read from the engine once per model (the page, the bundle and the snippets share it).
  const modelText = useRef<{ for: StudioModel; text: Promise<string> } | null>(null);
  const readModel = (model: StudioModel) => {
    if (modelText.current?.for !== model) modelText.current = { for: model, text: exportModelFile().then((b) => b.text()) };
    return modelText.current.text;
  };
  const ids = useId();
  const disabled = !current || training || busy !== null;

  const run = async (what: string, make: (model: StudioModel) => Promise<{ file: string; blob: Blob; note?: string }>) => {
    if (!current) return;
    clearErrors(ORIGIN);
    setBusy(what);
    try {
      const { file, blob, note } = await make(current);
      downloadBlob(file, blob);
      setSaved({ for: current, text: `Saved ${file} (${formatBytes(blob.size)}) to the browser’s downloads.${note ? ` ${note}` : ''}` });
    } catch (e) {
      showError(e, ORIGIN);
    } finally {
      setBusy(null);
    }
  };
  const page = () =>
    run('page', async (model) => {
      // The generators load with the first download (fflate and the page's program stay out of the studio's start).
      const [runtime, text, { predictionPageHtml }, { pageProgramSource }] = await Promise.all([fetchRuntime(), readModel(model), import('../../core/deploy/page'), import('../../page/pageApp')]);
      return { file: `${name}.html`, blob: new Blob([predictionPageHtml(runtime, pageProgramSource(), text, { hints })], { type: 'text/html' }) };
    });
  const runtime = () => run('runtime', async () => ({ file: 'sapling-runtime.js', blob: new Blob([await fetchRuntime()], { type: 'text/javascript' }) }));
  const bundle = () =>
    run('bundle', async (model) => {
      const [server, text, { serverBundleZip }] = await Promise.all([fetchServer(), readModel(model), import('../../core/deploy/bundle')]);
      const zip = serverBundleZip({ name, inputs: model.inputSchema, sample: sampleOf(model, parseFields(text, hints)), modelJson: text, server });
      const note = server === null ? 'This build of the studio has no sapling-serve.mjs: the bundle’s README says how to add it.' : undefined;
      return { file: `${name}-server.zip`, blob: new Blob([zip.slice().buffer], { type: 'application/zip' }), note };
    });

  return (
    <section className="card deploy" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Deploy</h3>
      <p className="help">Use the model outside the studio: in a page anyone can open, in your own code, or behind an HTTP server.</p>
      <ul className="deploy-options">
        <li>
          <button type="button" className="primary" onClick={() => void page()} disabled={disabled} aria-describedby={`${ids}-page`}>
            Download prediction page
          </button>
          <p id={`${ids}-page`} className="help">
            One HTML file with the model inside: a form for one row (with its probabilities) and a CSV upload for many. It works opened from disk, with no network; nothing leaves the computer.
          </p>
        </li>
        <li>
          <button type="button" onClick={() => void runtime()} disabled={disabled} aria-describedby={`${ids}-runtime`}>
            Download runtime module
          </button>
          <p id={`${ids}-runtime`} className="help">
            <code>sapling-runtime.js</code>, one ES module: <code>loadModel(json)</code> and <code>predict(rows)</code> in your web page or Node program.
          </p>
        </li>
        <li>
          <button type="button" onClick={() => void bundle()} disabled={disabled} aria-describedby={`${ids}-bundle`}>
            Download server bundle
          </button>
          <p id={`${ids}-bundle`} className="help">
            A zip to run <code>sapling serve</code>: the model, <code>sapling-serve.mjs</code>, a Dockerfile, a Kubernetes manifest and a README.
          </p>
        </li>
      </ul>
      <p role="status" className="saved-note">
        {busy ? 'Preparing the file…' : saved && saved.for === current ? saved.text : ''}
      </p>
      <ActionError origin={ORIGIN} />
      {current ? <Snippets key={current.name + current.origin.at} model={current} name={name} load={() => readModel(current).then((text) => parseFields(text, hints))} /> : null}
    </section>
  );
}

/** The code snippets, behind a disclosure: the model file is read when it is first opened. */
function Snippets({ model, name, load }: { model: StudioModel; name: string; load: () => Promise<readonly PageField[]> }) {
  const [fields, setFields] = useState<readonly PageField[] | null>(null);
  const [chosen, setChosen] = useState<Snippet['id']>('browser');
  const [copied, setCopied] = useState<string>('');
  const ids = useId();
  const snippets = useMemo(() => (fields ? deploySnippets({ name, inputs: model.inputSchema, sample: sampleOf(model, fields) }) : null), [fields, model, name]);
  const snippet = snippets?.find((s) => s.id === chosen);
  const copy = async (code: string) => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('Copied.');
    } catch {
      setCopied('The browser did not allow copying: select the code and copy it.');
    }
  };
  return (
    <details
      className="disclosure deploy-code"
      onToggle={(e) => {
        if (e.currentTarget.open && !fields) void load().then(setFields, (err) => showError(err, ORIGIN));
      }}
    >
      <summary>Code to predict with this model</summary>
      <p className="help">With the model’s own column names and a row of its data. Save the model with Export model as <code>{name}.json</code>, next to the runtime module or given to <code>sapling serve</code>.</p>
      {snippets && snippet ? (
        <>
          <div className="deploy-code-bar">
            <label htmlFor={`${ids}-pick`}>Example</label>
            <select
              id={`${ids}-pick`}
              value={chosen}
              onChange={(e) => {
                setChosen(e.target.value as Snippet['id']);
                setCopied('');
              }}
            >
              {snippets.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void copy(snippet.code)}>
              Copy code
            </button>
            <span role="status" className="muted small">
              {copied}
            </span>
          </div>
          <pre className="deploy-snippet" tabIndex={0} role="region" aria-label={`${snippet.title}: code`}>
            <code>{snippet.code}</code>
          </pre>
        </>
      ) : (
        <p className="muted small">Reading the model…</p>
      )}
    </details>
  );
}

function parseFields(text: string, hints: Parameters<typeof pageFields>[1]): PageField[] {
  return pageFields(parseAnyModelFile(text), hints);
}

/** The snippets' row: the form's starting values (a training row's where the studio has one). */
function sampleOf(model: StudioModel, fields: readonly PageField[]) {
  const initial = new Map(fields.map((f) => [f.name, f.initial]));
  return sampleRow(model.inputSchema, (n) => initial.get(n));
}
