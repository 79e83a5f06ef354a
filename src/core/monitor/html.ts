// The monitoring report as one self-contained HTML page (`sapling monitor --html`): inline CSS and
// inline SVG, no script at all and a Content-Security-Policy that forbids fetching anything, so the
// file can be mailed, archived or opened from disk. Every text from the report is escaped: column
// names, categories and chunk keys come from the user's CSV headers and cells.
import { escapeHtml, htmlDocumentStart } from '../deploy/htmlDocument';
import { sha256Base64 } from '../deploy/sha256';
import { type TimelinePoint, distributionChart, fmt, timelineChart } from './htmlCharts';
import type { ChunkReport, ColumnDrift, MonitorReport, PerformanceReport } from './types';

const CSS = `
:root { --bg: #f6f7f4; --panel: #fff; --ink: #1d2a22; --muted: #5f6b63; --line: #dfe4dc; --accent: #247a4c; --danger: #b3261e; --danger-soft: #fdecea; --ok-soft: #e3f2e9;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; color: var(--ink); background: var(--bg); line-height: 1.45; }
* { box-sizing: border-box; }
body { margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 1.25rem 1.25rem 2rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.15rem; margin: 0 0 0.6rem; }
.lede, .muted { color: var(--muted); }
.lede { margin: 0 0 0.25rem; overflow-wrap: anywhere; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.1rem; margin-bottom: 1rem; }
.status { display: inline-block; font-weight: 700; border-radius: 6px; padding: 0.15rem 0.6rem; margin-right: 0.5rem; }
.status.alert { background: var(--danger-soft); color: var(--danger); }
.status.ok { background: var(--ok-soft); color: var(--accent); }
.summary { font-size: 1.05rem; margin: 0.5rem 0; overflow-wrap: anywhere; }
ul.alerts { margin: 0.25rem 0 0; padding-left: 1.2rem; color: var(--danger); overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.88rem; font-variant-numeric: tabular-nums; width: 100%; }
caption { text-align: left; color: var(--muted); margin-bottom: 0.35rem; }
th, td { text-align: left; padding: 0.3rem 0.6rem 0.3rem 0; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-weight: 600; border-bottom: 2px solid var(--line); white-space: nowrap; }
tbody th { font-weight: 600; max-width: 16rem; overflow-wrap: anywhere; }
th.key, .nowrap { white-space: nowrap; }
.alert-text { font-weight: 600; color: var(--danger); }
td.num { text-align: right; padding-right: 1rem; }
.flag { font-weight: 700; color: var(--danger); white-space: nowrap; }
.calm { color: var(--muted); }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(370px, 1fr)); gap: 0.75rem 1rem; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 0.5rem 0.6rem; min-width: 0; }
figure.drifted { border-color: var(--danger); }
figcaption { font-size: 0.85rem; margin-bottom: 0.3rem; overflow-wrap: anywhere; }
figcaption strong { font-size: 0.95rem; }
svg { width: 100%; height: auto; font-family: inherit; fill: var(--ink); }
svg .ref { fill: #9cc7ab; }
svg .cur { fill: #e08a3c; }
svg .cur-line { fill: none; stroke: #c25f12; stroke-width: 2; }
svg .axis { stroke: #8a958d; }
svg .muted { fill: var(--muted); }
svg .band { fill: #247a4c; opacity: 0.15; }
svg .limit { stroke: var(--danger); stroke-dasharray: 4 3; }
svg .series { fill: none; stroke: #2f5d8a; stroke-width: 2; }
svg .dot { fill: #2f5d8a; }
svg .alert-dot { fill: var(--danger); }
footer { color: var(--muted); font-size: 0.8rem; margin-top: 1rem; }
`;

/** The drift flag as words and a mark, so it does not rest on colour alone. */
function flag(drifted: boolean): string {
  return drifted ? '<span class="flag">▲ drifted</span>' : '<span class="calm">no</span>';
}

function testResult(d: Pick<ColumnDrift, 'test' | 'statistic' | 'p_value' | 'threshold'>): string {
  return d.p_value === null ? `${d.test} ${fmt(d.statistic)} (drift above ${fmt(d.threshold)})` : `${d.test} ${fmt(d.statistic)}, p = ${fmt(d.p_value)} (drift below ${fmt(d.threshold)})`;
}

function columnRow(d: ColumnDrift, header: string): string {
  const limit = d.p_value === null ? `${d.drifted ? '&gt;' : '≤'} ${fmt(d.threshold)}` : `p ${fmt(d.p_value)} ${d.drifted ? '&lt;' : '≥'} ${fmt(d.threshold)}`;
  return (
    `<tr><th scope="row">${header}</th><td>${escapeHtml(d.kind)}</td><td>${escapeHtml(d.test)}</td><td class="num">${fmt(d.statistic)}</td>` +
    `<td>${limit}</td><td>${flag(d.drifted)}</td><td class="num">${fmt(d.psi)}</td><td>${escapeHtml(d.psi_band)}</td><td class="num">${fmt(d.effect_size)}</td>` +
    `<td class="num">${fmtPct(d.missing_share.reference)} → ${fmtPct(d.missing_share.current)}</td></tr>`
  );
}

function fmtPct(s: number): string {
  return `${(s * 100).toFixed(1)}%`;
}

function columnsTable(report: MonitorReport): string {
  const rows = [...report.columns].sort((a, b) => Number(b.drifted) - Number(a.drifted)).map((d) => columnRow(d, escapeHtml(d.column)));
  rows.push(columnRow(report.prediction, '<em>predictions</em>'));
  return (
    `<div class="scroll"><table><caption>Each input column of the current rows against the reference (drifted ones first), then the model's predictions.</caption>` +
    `<thead><tr><th scope="col">column</th><th scope="col">kind</th><th scope="col">test</th><th scope="col">statistic</th><th scope="col">p-value / threshold</th><th scope="col">drift</th>` +
    `<th scope="col">PSI</th><th scope="col">PSI band</th><th scope="col">effect size</th><th scope="col">missing</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
  );
}

function figure(id: string, name: string, nameHtml: string, d: ColumnDrift): string {
  return (
    `<figure${d.drifted ? ' class="drifted"' : ''}>${distributionChart(id, name, d.reference, d.current)}` +
    `<figcaption><strong>${nameHtml}</strong> ${flag(d.drifted)} · ${escapeHtml(testResult(d))} · PSI ${fmt(d.psi)}</figcaption></figure>`
  );
}

function distributions(report: MonitorReport): string {
  const figures = report.columns.map((d, i) => figure(`col-${i}`, d.column, escapeHtml(d.column), d));
  figures.push(figure('pred', 'the predictions', '<em>predictions</em>', report.prediction));
  return `<div class="grid">${figures.join('')}</div>`;
}

/** The performance figure a chunk or the run shows: realised where labels were there, else estimated. */
function performanceValue(p: PerformanceReport): { value: number | null; how: string } {
  const realised = p.realised && Object.hasOwn(p.realised, p.metric) ? p.realised[p.metric] : undefined;
  if (realised !== undefined) return { value: realised, how: 'realised' };
  if (p.estimated) return { value: p.estimated.value, how: 'estimated' };
  return { value: null, how: 'unknown' };
}

function performanceSection(p: PerformanceReport | null): string {
  if (!p) return '<p class="muted">No performance figure: the current rows hold no target and the model gives no probabilities to estimate it from.</p>';
  const { value, how } = performanceValue(p);
  const items = [
    `<li>${escapeHtml(p.metric)} on the model's test rows: <strong>${fmt(p.reference)}</strong></li>`,
    `<li>${escapeHtml(how)} on the current rows: <strong>${fmt(value)}</strong>${p.estimated && how === 'estimated' ? ` (standard error ${fmt(p.estimated.std_error)}, 95% interval ${fmt(p.estimated.lower)} to ${fmt(p.estimated.upper)})` : ''}</li>`,
  ];
  if (p.band) items.push(`<li>alert band: ${fmt(p.band.lower)} to ${fmt(p.band.upper)}</li>`);
  items.push(`<li>${p.alert ? '<span class="flag">▲ outside its band</span>' : p.band ? '<span class="calm">within its band</span>' : '<span class="calm">no alert</span>'}</li>`);
  if (p.realised) {
    const others = Object.entries(p.realised).map(([k, v]) => `${escapeHtml(k)} ${fmt(v)}`).join(', ');
    if (others) items.push(`<li class="muted">all realised metrics: ${others}</li>`);
  }
  return `<ul>${items.join('')}</ul>`;
}

function chunkTable(chunks: readonly ChunkReport[]): string {
  const rows = chunks.map((c) => {
    const perf = c.performance ? performanceValue(c.performance) : null;
    const drifted = c.columns.filter((d) => d.drifted).map((d) => d.column);
    return (
      `<tr><th scope="row" class="key">${escapeHtml(c.key)}</th><td class="num">${c.rows}</td><td class="num">${fmt(c.drift_share, 2)}</td>` +
      `<td>${drifted.length ? escapeHtml(drifted.join(', ')) : '<span class="calm">none</span>'}</td><td>${flag(c.prediction.drifted)}</td>` +
      `<td class="num nowrap">${perf ? `${fmt(perf.value)} <span class="muted">${escapeHtml(perf.how)}</span>` : '—'}</td>` +
      `<td>${c.alerts.length ? `<span class="alert-text">${escapeHtml(c.alerts.join('; '))}</span>` : '<span class="calm">none</span>'}</td></tr>`
    );
  });
  return (
    `<div class="scroll"><table><caption>Every chunk's figures (the charts above, as a table).</caption><thead><tr><th scope="col">chunk</th><th scope="col">rows</th><th scope="col">drift share</th>` +
    `<th scope="col">drifted columns</th><th scope="col">prediction drift</th><th scope="col">performance</th><th scope="col">alerts</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
  );
}

function timeline(report: MonitorReport): string {
  const chunks = report.chunks;
  if (chunks.length === 0) return '';
  const share: TimelinePoint[] = chunks.map((c) => ({ key: c.key, value: c.drift_share, alert: c.dataset_drift }));
  const prediction: TimelinePoint[] = chunks.map((c) => ({ key: c.key, value: c.prediction.statistic, alert: c.prediction.drifted }));
  const figures = [
    `<figure>${timelineChart('tl-share', 'Share of drifted columns per chunk', share, { value: report.drift_share_threshold, label: `data set drifts at ${fmt(report.drift_share_threshold, 2)}` })}<figcaption><strong>Drift share</strong> per chunk; the dashed line is where the data set counts as drifted.</figcaption></figure>`,
    `<figure>${timelineChart('tl-pred', `Prediction drift (${report.prediction.test}) per chunk`, prediction, report.prediction.p_value === null ? { value: report.prediction.threshold, label: 'drift above' } : undefined)}<figcaption><strong>Prediction drift</strong>: the ${escapeHtml(report.prediction.test)} statistic of the predictions per chunk; squares mark drifted chunks.</figcaption></figure>`,
  ];
  const withPerf = chunks.filter((c) => c.performance);
  if (withPerf.length) {
    const metric = withPerf[0].performance!.metric;
    const perf: TimelinePoint[] = chunks.map((c) => ({
      key: c.key,
      value: c.performance ? performanceValue(c.performance).value : null,
      alert: c.performance?.alert ?? false,
      band: c.performance?.band,
    }));
    figures.push(`<figure>${timelineChart('tl-perf', `${metric} per chunk with its alert band`, perf, undefined, false)}<figcaption><strong>Performance</strong>: ${escapeHtml(metric)} per chunk (realised where the rows hold the target, else estimated); the shaded band is the reference's mean ± 3σ at the chunk's size.</figcaption></figure>`);
  }
  return `<section class="card" aria-labelledby="h-time"><h2 id="h-time">Over time</h2><div class="grid">${figures.join('')}</div>${chunkTable(chunks)}</section>`;
}

/**
 * The report as one HTML page: the summary and alerts, the table of columns with their tests and
 * drift flags, each column's reference and current distributions overlaid, performance, and (with
 * chunks) a timeline of drift share, prediction drift and performance against its band.
 */
export function monitorReportHtml(report: MonitorReport): string {
  const csp = ["default-src 'none'", `style-src 'sha256-${sha256Base64(CSS)}'`, "base-uri 'none'", "form-action 'none'"].join('; ');
  const target = report.model.target;
  const title = `Monitoring ${target === null ? `the ${report.model.task} model` : `the model of ${target}`}`;
  const paging = report.alerts.length > 0;
  const drifted = report.columns.filter((c) => c.drifted).length;
  return `${htmlDocumentStart({ csp, title, css: CSS })}
<header>
<h1>${escapeHtml(title)}</h1>
<p class="lede">${escapeHtml(`${report.model.family} · ${report.model.task} · reference: ${report.reference.source === 'model' ? "the model file's own" : 'a reference CSV'} (${report.reference.rows} rows) · current: ${report.current.rows} rows`)}</p>
</header>
<section class="card" aria-labelledby="h-summary">
<h2 id="h-summary">Summary</h2>
<p class="summary"><span class="status ${paging ? 'alert' : 'ok'}">${paging ? 'Alert' : 'No alert'}</span>${escapeHtml(report.summary)}</p>
<p>${drifted} of ${report.columns.length} columns drifted (share ${fmt(report.drift_share, 2)}; the data set drifts at ${fmt(report.drift_share_threshold, 2)}): ${report.dataset_drift ? '<span class="flag">▲ data set drift</span>' : '<span class="calm">no data set drift</span>'}. Predictions: ${flag(report.prediction.drifted)}.</p>
${paging ? `<ul class="alerts">${report.alerts.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>` : ''}
</section>
<section class="card" aria-labelledby="h-columns">
<h2 id="h-columns">Columns</h2>
${columnsTable(report)}
</section>
<section class="card" aria-labelledby="h-perf">
<h2 id="h-perf">Performance</h2>
${performanceSection(report.performance)}
</section>
${timeline(report)}
<section class="card" aria-labelledby="h-dist">
<h2 id="h-dist">Distributions</h2>
<p class="muted">Reference (green bars) and current rows (orange) on the reference's bins or categories.</p>
${distributions(report)}
</section>
<footer>Made by Sapling's <code>sapling monitor</code>. Everything is in this file; it loads nothing.</footer>
</main>
</body>
</html>
`;
}
