import type { ColumnKind } from '../table/column';

/** A sample row for the snippets: input column name → value as a JSON body carries it. */
export type SampleRow = Record<string, string | number | boolean | null>;

/** One code snippet of Export's Deploy section. */
export interface Snippet {
  readonly id: 'browser' | 'node' | 'curl-v1' | 'curl-v2' | 'python';
  readonly title: string;
  readonly language: 'js' | 'sh' | 'python';
  readonly code: string;
}

/** What the snippets need to know of a model. */
export interface SnippetModel {
  /** The model's name on `sapling serve`: its file name without `.json`. */
  readonly name: string;
  readonly inputs: readonly { readonly name: string; readonly kind: ColumnKind }[];
  readonly sample: SampleRow;
}

/**
 * A sample row from text values (a training row, or the page form's starting values): numbers as
 * numbers, yes/no as booleans, empty as null, so the snippets send what a JSON client would.
 */
export function sampleRow(inputs: readonly { readonly name: string; readonly kind: ColumnKind }[], text: (name: string) => string | undefined): SampleRow {
  // No prototype: a column named __proto__ is a key like any other (JSON.stringify writes it).
  const row: SampleRow = Object.create(null);
  for (const { name, kind } of inputs) {
    const t = (text(name) ?? '').trim();
    if (t === '') row[name] = null;
    else if (kind === 'numeric' && Number.isFinite(Number(t))) row[name] = Number(t);
    else if (kind === 'boolean' && /^(true|yes|1)$/i.test(t)) row[name] = true;
    else if (kind === 'boolean' && /^(false|no|0)$/i.test(t)) row[name] = false;
    else row[name] = t;
  }
  return row;
}

/**
 * Code that predicts the sample row with the model: in a browser module and in Node through the
 * runtime module, and against `sapling serve` with `curl` (the TF Serving V1 route and the Open
 * Inference Protocol V2 route) and Python `requests`. Column names are the model's own.
 */
export function deploySnippets(model: SnippetModel): Snippet[] {
  const file = `${model.name}.json`;
  const row = JSON.stringify(model.sample, null, 2).replace(/\n/g, '\n  ');
  const v1 = JSON.stringify({ instances: [model.sample] });
  const v2 = JSON.stringify({ inputs: model.inputs.map((c) => ({ name: c.name, shape: [1], datatype: v2Type(c.kind), data: [model.sample[c.name] ?? null] })) });
  const url = (path: string) => `http://127.0.0.1:8080${path}`;
  const modelPath = encodeURIComponent(model.name);
  return [
    {
      id: 'browser',
      title: 'Browser (ES module)',
      language: 'js',
      code: `<script type="module">
import { loadModel } from './sapling-runtime.js';

const model = await loadModel(await (await fetch('./${file}')).text());
const [prediction] = model.predict([
  ${row},
]);
console.log(prediction);
</script>`,
    },
    {
      id: 'node',
      title: 'Node',
      language: 'js',
      code: `// predict.mjs — node predict.mjs
import { readFile } from 'node:fs/promises';
import { loadModel } from './sapling-runtime.js';

const model = await loadModel(await readFile('${file}', 'utf8'));
console.log(model.predict([
  ${row},
]));`,
    },
    {
      id: 'curl-v1',
      title: 'curl: sapling serve, TF Serving route (V1)',
      language: 'sh',
      code: `npm run sapling -- serve ${shellQuote(file)} --port 8080   # in another terminal

curl -s ${shellQuote(url(`/v1/models/${modelPath}:predict`))} \\
  -H 'Content-Type: application/json' \\
  -d ${shellQuote(v1)}`,
    },
    {
      id: 'curl-v2',
      title: 'curl: sapling serve, Open Inference Protocol (V2)',
      language: 'sh',
      code: `curl -s ${shellQuote(url(`/v2/models/${modelPath}/infer`))} \\
  -H 'Content-Type: application/json' \\
  -d ${shellQuote(v2)}`,
    },
    {
      id: 'python',
      title: 'Python (requests)',
      language: 'python',
      code: `import requests

row = ${pythonLiteral(model.sample)}
response = requests.post(${pythonLiteral(url(`/v1/models/${modelPath}:predict`))}, json={"instances": [row]}, timeout=10)
response.raise_for_status()
print(response.json()["predictions"][0])`,
    },
  ];
}

/** The V2 (Open Inference Protocol) datatype of a column of this kind. */
export function v2Type(kind: ColumnKind): 'FP64' | 'BOOL' | 'BYTES' {
  return kind === 'numeric' ? 'FP64' : kind === 'boolean' ? 'BOOL' : 'BYTES';
}

/** A POSIX shell word in single quotes (a `'` inside becomes `'\''`). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A Python literal of JSON-like data: JSON strings are Python strings; true/false/null are True/False/None. */
export function pythonLiteral(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => pythonLiteral(v, indent)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${indent}    ${JSON.stringify(k)}: ${pythonLiteral(v, `${indent}    `)},`);
  return entries.length ? `{\n${entries.join('\n')}\n${indent}}` : '{}';
}
