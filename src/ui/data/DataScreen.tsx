import { loadCsv, loadSample } from '../../state/actions';
import { studio } from '../../state/store';
import { cancel } from '../../state/watchdog';
import { Deferred } from '../components/Deferred';
import { FilePicker } from '../components/FilePicker';
import { ProgressBar } from '../components/ProgressBar';
import { NextStep } from '../components/Stepper';
import { formatBytes } from '../../core/util/bytes';
import { focusIsFree, focusSoon } from '../focus';
import { useStudio } from '../useStudio';
import { Correlations } from './Correlations';
import { DataGrid } from './DataGrid';
import { MissingChart } from './MissingChart';
import { ProfileTable } from './ProfileTable';
import { ReadOptions } from './ReadOptions';
import { Warnings } from './Warnings';

const SAMPLES = [
  { file: 'iris.csv', label: 'Iris flowers', detail: '150 rows · 3 species' },
  { file: 'penguins.csv', label: 'Palmer penguins', detail: '344 rows · missing values, categories' },
];

/** Step 1: bring in a CSV (file, drop, or sample) and read its profile. */
export function DataScreen() {
  const dataset = useStudio((s) => s.dataset);
  const busy = dataset.state === 'running';
  const summary = dataset.result;
  const anyMissing = summary?.profile.columns.some((c) => c.missing > 0) ?? false;
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">Data</h2>
      <div className="card ingest">
        <FilePicker label="Upload CSV" accept=".csv,.tsv,.txt,text/csv" hint="Drop a CSV file here or choose one. It is read in this browser; nothing is uploaded." onFile={(f) => void thenShowSummary(loadCsv(f))} disabled={busy} />
        <div className="samples">
          <p className="muted">Or try a sample:</p>
          {SAMPLES.map((s) => (
            <button key={s.file} type="button" onClick={() => void thenShowSummary(loadSample(s.file))} disabled={busy}>
              {s.label}
              <span className="small muted"> · {s.detail}</span>
            </button>
          ))}
        </div>
      </div>
      <ReadOptions />
      {busy ? (
        <div className="loading">
          <ProgressBar label="Reading data" detail={dataset.progress?.stage} fraction={dataset.progress?.fraction} />
          <button type="button" onClick={() => void cancel()}>
            Cancel
          </button>
        </div>
      ) : null}
      {dataset.state === 'cancelled' ? <p className="status">Reading cancelled{summary ? `; ${summary.name} is still loaded` : ''}.</p> : null}
      {summary ? (
        <>
          <div className="facts" role="group" aria-label="Data summary" id="data-summary">
            <Fact label="File" value={summary.name} />
            <Fact label="Rows" value={summary.profile.rows.toLocaleString('en-US')} />
            <Fact label="Columns" value={String(summary.profile.columns.length)} />
            <Fact label="Size" value={formatBytes(summary.bytes)} />
            <Fact label="Delimiter" value={summary.meta.delimiter === '\t' ? 'tab' : summary.meta.delimiter} />
            <Fact label="Encoding" value={summary.meta.encoding} />
          </div>
          <Warnings warnings={summary.warnings} />
          <div className="card">
            <h3>Columns</h3>
            <Deferred placeholder={<p className="muted">Preparing the column profile…</p>}>
              <ProfileTable profile={summary.profile} dateOrders={summary.meta.dateOrders} />
            </Deferred>
            {/* Nothing missing is one line, not a card as tall as the heatmap beside it. */}
            {anyMissing ? null : <p className="ok-text missing-none">No missing values in any column.</p>}
          </div>
          <div className={anyMissing ? 'grid-2 data-charts' : undefined}>
            {anyMissing ? (
              <div className="card">
                <h3>Missing values</h3>
                <Deferred>
                  <MissingChart profile={summary.profile} />
                </Deferred>
              </div>
            ) : null}
            <div className="card">
              <h3>Correlations</h3>
              <Deferred>
                <Correlations />
              </Deferred>
            </div>
          </div>
          <div className="card">
            <h3>Rows</h3>
            <Deferred>
              <DataGrid key={summary.fingerprint} columns={summary.preview.columns} rows={summary.profile.rows} />
            </Deferred>
          </div>
          <NextStep to="problem" />
        </>
      ) : null}
    </section>
  );
}

/** When the data has been read, focuses its summary (the button that started the reading was disabled meanwhile and lost focus). */
async function thenShowSummary(reading: Promise<void>): Promise<void> {
  const from = document.activeElement;
  await reading;
  if (studio.getState().dataset.state === 'succeeded' && focusIsFree(from)) focusSoon(() => document.getElementById('data-summary'));
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="fact">
      <div className="fact-label">{label}</div>
      <div className="fact-value">{value}</div>
    </div>
  );
}
