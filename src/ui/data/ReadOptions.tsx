import { TEXT_ENCODINGS } from '../../core/ingest/decode';
import type { ReadSettings } from '../../core/ingest/reader';
import { rereadWith, setReadSettings } from '../../state/actions';
import { useStudio } from '../useStudio';

const DELIMITERS = [
  { value: ',', label: 'Comma ,' },
  { value: ';', label: 'Semicolon ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe |' },
];

/**
 * How the file is read: what was detected, and the person's overrides (delimiter, encoding,
 * decimal separator, header row, ragged rows, a sample). Changes apply with "Read again", or to the
 * next upload when nothing is loaded yet.
 */
export function ReadOptions() {
  const settings = useStudio((s) => s.readSettings);
  const meta = useStudio((s) => s.dataset.result?.meta);
  const busy = useStudio((s) => s.dataset.state === 'running');
  const loaded = meta !== undefined;
  const update = (patch: Partial<ReadSettings>) => setReadSettings(patch);
  const detected = (v: string | undefined) => (loaded && v !== undefined ? ` (detected: ${v === '\t' ? 'tab' : v})` : '');
  const sampleMode = settings.sample?.mode ?? 'all';
  return (
    <details className="card read-options">
      <summary>Reading options{loaded ? `: ${describe(meta)}` : ''}</summary>
      <div className="form-row">
        <div className="field">
          <label htmlFor="read-delimiter">Delimiter</label>
          <select id="read-delimiter" value={settings.delimiter ?? ''} onChange={(e) => update({ delimiter: e.target.value || undefined })}>
            <option value="">Detect{detected(meta?.delimiter)}</option>
            {DELIMITERS.map((d) => (
              <option key={d.label} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="read-encoding">Encoding</label>
          <select id="read-encoding" value={settings.encoding ?? ''} onChange={(e) => update({ encoding: (e.target.value || undefined) as ReadSettings['encoding'] })}>
            <option value="">Detect{detected(meta?.encoding)}</option>
            {TEXT_ENCODINGS.map((enc) => (
              <option key={enc} value={enc}>
                {enc === 'windows-1252' ? 'Windows-1252 / Latin-1' : enc.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="read-decimal">Decimal separator</label>
          <select id="read-decimal" value={settings.decimal ?? ''} onChange={(e) => update({ decimal: (e.target.value || undefined) as ReadSettings['decimal'] })}>
            <option value="">Detect{detected(meta?.decimal)}</option>
            <option value=".">Point 3.14</option>
            <option value=",">Comma 3,14</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="read-header">Header row</label>
          <select id="read-header" value={settings.header === undefined ? '' : String(settings.header)} onChange={(e) => update({ header: e.target.value === '' ? undefined : e.target.value === 'true' })}>
            <option value="">Detect{loaded ? ` (detected: ${meta.header ? 'yes' : 'no'})` : ''}</option>
            <option value="true">First row names the columns</option>
            <option value="false">No header: name columns column_1, column_2…</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="read-ragged">Rows with the wrong number of fields</label>
          <select id="read-ragged" value={settings.ragged ?? 'drop'} onChange={(e) => update({ ragged: e.target.value as ReadSettings['ragged'] })}>
            <option value="drop">Drop them</option>
            <option value="pad">Pad short rows, cut long ones</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="read-sample">Rows to read</label>
          <select
            id="read-sample"
            value={sampleMode}
            onChange={(e) => update({ sample: e.target.value === 'all' ? undefined : { mode: e.target.value as 'head' | 'random', rows: settings.sample?.rows ?? 100_000 } })}
          >
            <option value="all">All rows</option>
            <option value="head">The first N rows</option>
            <option value="random">N rows at random (seeded)</option>
          </select>
        </div>
        {settings.sample ? (
          <div className="field">
            <label htmlFor="read-sample-rows">N</label>
            <input
              id="read-sample-rows"
              type="number"
              min={1}
              step={1000}
              value={settings.sample.rows}
              onChange={(e) => Number.isInteger(e.target.valueAsNumber) && e.target.valueAsNumber > 0 && update({ sample: { ...settings.sample!, rows: e.target.valueAsNumber } })}
            />
          </div>
        ) : null}
      </div>
      <div className="actions">
        <button type="button" onClick={() => void rereadWith({})} disabled={!loaded || busy}>
          Read again
        </button>
        <button type="button" className="ghost-text" onClick={() => setReadSettings(clearAll())} disabled={busy || Object.keys(settings).length === 0}>
          Reset to detected
        </button>
        {!loaded ? <span className="muted small">These apply to the next file you upload.</span> : null}
      </div>
    </details>
  );
}

function clearAll(): Partial<ReadSettings> {
  return { delimiter: undefined, encoding: undefined, decimal: undefined, header: undefined, ragged: undefined, sample: undefined, kinds: undefined, dateOrders: undefined };
}

function describe(meta: { delimiter: string; encoding: string; decimal: string; header: boolean; sampled?: { mode: string; rows: number } }): string {
  const d = DELIMITERS.find((x) => x.value === meta.delimiter)?.label.split(' ')[0].toLowerCase() ?? meta.delimiter;
  const parts = [`${d}-separated`, meta.encoding, `decimal ${meta.decimal === ',' ? 'comma' : 'point'}`, meta.header ? 'header row' : 'no header'];
  if (meta.sampled) parts.push(`${meta.sampled.mode === 'head' ? 'first' : 'random'} ${meta.sampled.rows.toLocaleString('en-US')} rows`);
  return parts.join(', ');
}
