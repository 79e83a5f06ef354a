/**
 * The prediction page's stylesheet: the studio's colours, type and controls (src/ui/styles.css) in
 * the little the page needs. One inline `<style>`, allowed by its hash in the page's CSP.
 */
export const PAGE_CSS = `
:root { --bg: #f6f7f4; --panel: #fff; --ink: #1d2a22; --muted: #5f6b63; --line: #dfe4dc; --accent: #247a4c; --accent-soft: #e3f2e9; --danger: #b3261e; --danger-soft: #fdecea; --warn: #8a5a00;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; color: var(--ink); background: var(--bg); line-height: 1.45; }
* { box-sizing: border-box; }
body { margin: 0; }
main { max-width: 1040px; margin: 0 auto; padding: 1.25rem 1.25rem 2rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 0 0 0.5rem; }
.lede { color: var(--muted); margin: 0 0 0.25rem; overflow-wrap: anywhere; }
.small { font-size: 0.85rem; }
header { margin-bottom: 1rem; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.1rem; margin-bottom: 1rem; }
.fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 0.9rem 1rem; }
.field { display: flex; flex-direction: column; gap: 0.25rem; min-width: 0; }
.field label, .drop-label { font-weight: 600; overflow-wrap: anywhere; }
.drop-label { display: block; margin-bottom: 0.35rem; }
.hint { color: var(--muted); font-size: 0.85rem; margin: 0.2rem 0 0; }
#one-form { margin-top: 0.75rem; }
.warn { color: var(--warn); }
input[type='text'], select { font: inherit; padding: 0.4rem 0.5rem; border: 1px solid #b9c4bc; border-radius: 6px; background: #fff; color: var(--ink); min-width: 0; width: 100%; }
input[type='file'] { font: inherit; }
button { font: inherit; padding: 0.5rem 0.95rem; border-radius: 8px; border: 1px solid var(--line); background: var(--panel); color: var(--ink); cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
button.primary:hover { background: #1f6a42; }
:focus-visible { outline: 3px solid #3d9a66; outline-offset: 2px; }
.actions { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; margin: 0.9rem 0 0.5rem; }
.error { color: var(--danger); background: var(--danger-soft); border-radius: 6px; padding: 0.5rem 0.75rem; }
.result { border-top: 1px solid var(--line); margin-top: 0.75rem; padding-top: 0.75rem; }
p.answer { margin: 0 0 0.5rem; font-size: 1.05rem; }
p.answer output { font-size: 1.6rem; font-weight: 700; margin-left: 0.4rem; overflow-wrap: anywhere; }
table { border-collapse: collapse; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; margin-bottom: 0.35rem; }
table.proba { width: 100%; max-width: 560px; table-layout: fixed; }
table.proba th { text-align: left; font-weight: 500; padding: 0.2rem 0.75rem 0.2rem 0; width: 10rem; min-width: 6rem; overflow-wrap: anywhere; }
table.proba tr.chosen th { font-weight: 700; }
table.proba td { padding: 0.2rem 0; }
table.proba td.bar { width: auto; }
table.proba td.num { width: 4.5rem; padding-left: 0.5rem; text-align: right; font-variant-numeric: tabular-nums; }
.bar-track { height: 0.8rem; background: #eef1ec; border-radius: 3px; overflow: hidden; }
.bar-fill { height: 100%; background: var(--accent); border-radius: 3px; }
tr.chosen .bar-fill { background: #1f6a42; }
.table-scroll { overflow: auto; max-height: 28rem; border: 1px solid var(--line); border-radius: 8px; }
#predictions th, #predictions td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--line); white-space: nowrap; text-align: left; }
#predictions thead th { position: sticky; top: 0; background: #f0f3ee; }
#predictions td.out { background: var(--accent-soft); font-weight: 600; }
footer { color: var(--muted); font-size: 0.8rem; text-align: center; margin-top: 1.5rem; }
[hidden] { display: none !important; }
`;
