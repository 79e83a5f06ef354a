// The prediction page's own program, in the browser page that src/core/deploy/page.ts writes. It
// lives outside src/core because it uses the DOM; core only ever receives its source text.
import type { PageData, PageRuntime } from '../core/deploy/pageData';

/**
 * The program's source as the page embeds it. esbuild with keepNames (tsx, the CLI's bundle) wraps
 * named functions in a `__name(fn, "name")` helper defined at the top of its module: the embedded
 * text gets a stand-in in its own scope. An expression whose value is the program's function.
 */
export function pageProgramSource(): string {
  return `(()=>{const __name=(f)=>f;return (${pageApp.toString()});})()`;
}

/**
 * The prediction page's program. It must be self-contained (no imports, no outer names): only its
 * text travels. It reads the model and the form's fields from the page's JSON blocks, predicts the
 * form's row on submit and a chosen CSV's rows on upload, and offers those predictions as a CSV
 * written as the studio writes them (inputs as they were, then the predictions; formulas made inert).
 */
export async function pageApp(runtime: PageRuntime): Promise<void> {
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const showError = (where: HTMLElement, e: unknown) => {
    where.textContent = e instanceof Error ? e.message : String(e);
    where.hidden = false;
  };
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };
  const data = JSON.parse($('sapling-page').textContent ?? '{}') as PageData;
  const loadError = $('load-error');
  const form = $<HTMLFormElement>('one-form');
  // The form never submits itself (its CSP forbids it anyway), also before the model has loaded.
  form.addEventListener('submit', (event) => event.preventDefault());
  let model: Awaited<ReturnType<PageRuntime['loadModel']>>;
  try {
    model = await runtime.loadModel($('sapling-model').textContent ?? '');
  } catch (e) {
    showError(loadError, e);
    form.querySelectorAll('button').forEach((b) => (b.disabled = true));
    $<HTMLInputElement>('batch').disabled = true;
    return;
  }

  // One row: the form's values as the runtime reads a JSON body (empty = missing).
  const fieldInput = (i: number) => $<HTMLInputElement | HTMLSelectElement>(`field-${i}`);
  const formRow = () => {
    // No prototype: a column named __proto__ is a value like any other.
    const row: Record<string, unknown> = Object.create(null);
    data.fields.forEach((field, i) => {
      const text = fieldInput(i).value.trim();
      row[field.name] = text === '' ? null : field.kind === 'boolean' ? text === 'true' : text;
    });
    return row;
  };
  // A number outside the training range is allowed, but said: the model never saw such values.
  data.fields.forEach((field, i) => {
    if (field.kind !== 'numeric' || field.min === undefined || field.max === undefined) return;
    const input = fieldInput(i);
    const note = $(`field-${i}-range`);
    const check = () => {
      const x = Number(input.value.trim().replace(/,/g, ''));
      const outside = input.value.trim() !== '' && Number.isFinite(x) && (x < (field.min as number) || x > (field.max as number));
      note.textContent = outside ? ' Outside the training range: the model has not seen such values.' : '';
    };
    input.addEventListener('input', check);
    check();
  });
  const oneError = $('one-error');
  const result = $('one-result');
  form.addEventListener('submit', () => {
    oneError.hidden = true;
    try {
      showResult(model.predict([formRow()])[0]);
    } catch (e) {
      result.hidden = true;
      showError(oneError, e);
    }
  });
  const percent = (p: number) => `${(p * 100).toFixed(1)}%`;
  function showResult(out: Record<string, string | number>) {
    const answer = $('prediction');
    const details = $('one-details');
    details.replaceChildren();
    if (model.task === 'projection') {
      answer.textContent = model.outputColumns.map((c) => `${c} ${out[c]}`).join(' · ');
    } else if (model.task === 'clustering') {
      answer.textContent = out.cluster === -1 ? 'noise (no cluster)' : `cluster ${out.cluster}`;
    } else {
      answer.textContent = String(out.prediction);
    }
    if (model.classes.length) {
      const table = el('table', undefined, 'proba');
      const caption = el('caption', 'Probabilities');
      const body = el('tbody');
      for (const label of model.classes) {
        const p = Number(out[`proba_${label}`]);
        const tr = el('tr', undefined, label === out.prediction ? 'chosen' : '');
        const th = el('th', label);
        th.scope = 'row';
        const track = el('div', undefined, 'bar-track');
        const fill = el('div', undefined, 'bar-fill');
        // CSSOM, not a style attribute: the page's CSP allows no inline style attributes.
        fill.style.width = `${Math.max(0, Math.min(1, p)) * 100}%`;
        track.append(fill);
        const barCell = el('td', undefined, 'bar');
        barCell.append(track);
        tr.append(th, barCell, el('td', percent(p), 'num'));
        body.append(tr);
      }
      table.append(caption, body);
      details.append(table);
    }
    result.hidden = false;
  }

  // Many rows: a CSV in, predictions shown and offered as a CSV.
  // Cells as `sapling predict` writes them: probabilities to 6 significant digits with their
  // trailing zeros (the runtime's numbers are already rounded so; a number drops the zeros).
  const probaColumns = new Set(model.classes.map((c) => `proba_${c}`));
  const outCell = (column: string, value: string | number) => (typeof value === 'number' && probaColumns.has(column) ? value.toPrecision(6) : String(value));
  const batchError = $('batch-error');
  const batchResult = $('batch-result');
  let download: string | null = null;
  $<HTMLInputElement>('batch').addEventListener('change', async (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    batchError.hidden = true;
    if (!file) return;
    try {
      const { records, delimiter } = parseCsv(stripBom(await file.text()));
      if (records.length === 0) throw new Error(`${file.name} is empty: it needs a header line with the column names`);
      const [header, ...all] = records;
      // As `sapling predict` reads a file by default: a row with the wrong number of fields is left
      // out (and said), and with `;` or tab between fields, a number may have a decimal comma.
      const ragged: number[] = [];
      const lines = all.filter((cells, i) => cells.length === header.length || (ragged.push(i + 2), false));
      if (delimiter !== ',') decimalCommas(header, lines);
      const rows = lines.map((cells) => Object.fromEntries(header.map((name, j) => [name, cells[j] ?? ''])));
      const out = model.predict(rows);
      const cols = model.outputColumns;
      showTable(header, lines, out);
      const csv = [[...header, ...cols].map(csvCell).join(',')];
      lines.forEach((cells, i) => csv.push([...header.map((_, j) => cells[j] ?? ''), ...cols.map((c) => outCell(c, out[i][c]))].map(csvCell).join(',')));
      download = csv.join('\n') + '\n';
      const left = ragged.length ? ` ${ragged.length.toLocaleString('en-US')} ${ragged.length === 1 ? 'row was' : 'rows were'} left out for having ${header.length === 1 ? 'other than 1 field' : `other than ${header.length} fields`} (line${ragged.length === 1 ? '' : 's'} ${ragged.slice(0, 5).join(', ')}${ragged.length > 5 ? ', …' : ''}).` : '';
      $('batch-count').textContent = `${lines.length.toLocaleString('en-US')} rows predicted${lines.length > data.previewRows ? `; the first ${data.previewRows} are shown` : ''}.${left}`;
      batchResult.hidden = false;
    } catch (e) {
      batchResult.hidden = true;
      download = null;
      showError(batchError, e);
    }
  });
  $('download').addEventListener('click', () => {
    if (download === null) return;
    const url = URL.createObjectURL(new Blob([download], { type: 'text/csv' }));
    const a = el('a');
    a.href = url;
    a.download = 'predictions.csv';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  // Like the studio's table: the predictions first, then the row as it was given.
  function showTable(header: string[], lines: string[][], out: Record<string, string | number>[]) {
    const cols = model.outputColumns;
    const head = el('tr');
    for (const name of [...cols, ...header]) {
      const th = el('th', name);
      th.scope = 'col';
      head.append(th);
    }
    const body = el('tbody');
    for (let i = 0; i < Math.min(lines.length, data.previewRows); i++) {
      const tr = el('tr');
      for (const c of cols) tr.append(el('td', outCell(c, out[i][c]), 'out'));
      header.forEach((_, j) => tr.append(el('td', lines[i][j] ?? '')));
      body.append(tr);
    }
    const thead = el('thead');
    thead.append(head);
    $('predictions').replaceChildren(thead, body);
  }

  function stripBom(text: string): string {
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  /**
   * RFC 4180 records: fields split at the delimiter (comma, or semicolon or tab when the header
   * has more of those), quotes around fields with `""` for a quote, CRLF or LF line ends; blank
   * lines are skipped.
   */
  /**
   * In the columns the model reads as numbers, `3,75` becomes `3.75` where every number of the
   * column is written that way (a decimal comma), as the CLI's reader detects it.
   */
  function decimalCommas(header: string[], lines: string[][]) {
    const numeric = new Set(data.fields.filter((f) => f.kind === 'numeric').map((f) => f.name));
    header.forEach((name, j) => {
      if (!numeric.has(name)) return;
      const cells = lines.map((cells) => cells[j].trim()).filter((c) => c !== '' && !/^(na|n\/a|nan|null|\?)$/i.test(c));
      if (cells.some((c) => c.includes(',')) && cells.every((c) => /^[+-]?(\d+(,\d*)?|,\d+)([eE][+-]?\d+)?$/.test(c))) {
        for (const cells of lines) cells[j] = cells[j].replace(',', '.');
      }
    });
  }
  function parseCsv(text: string): { records: string[][]; delimiter: string } {
    const firstLine = text.slice(0, text.search(/\r?\n|$/));
    const count = (c: string) => firstLine.split(c).length - 1;
    const delimiter = [',', ';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
    const records: string[][] = [];
    let record: string[] = [];
    let field = '';
    let quoted = false;
    let i = 0;
    const endRecord = () => {
      record.push(field);
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
      field = '';
    };
    while (i < text.length) {
      const c = text[i];
      if (quoted) {
        if (c !== '"') field += c;
        else if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
        i++;
      } else if (c === '"' && field === '') {
        quoted = true;
        i++;
      } else if (c === delimiter) {
        record.push(field);
        field = '';
        i++;
      } else if (c === '\n' || c === '\r') {
        endRecord();
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      } else {
        field += c;
        i++;
      }
    }
    if (quoted) throw new Error('the file ends inside a quoted field: a closing quote (") is missing');
    if (field !== '' || record.length) endRecord();
    return { records, delimiter };
  }
  /** As the studio writes a cell: a would-be formula gets a leading `'` (OWASP), then RFC 4180 quoting. */
  function csvCell(value: string): string {
    const safe = /^(?:[\t\r\0]|[ \n]*[=+\-@])/.test(value) && !/^ *[+-]?(?:\d[\d.,]*|[.,]\d[\d.,]*)(?:[eE][+-]?\d+)? *$/.test(value) ? `'${value}` : value;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  }
}
