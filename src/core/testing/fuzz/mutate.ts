import * as fc from 'fast-check';

/** A JSON value as `JSON.parse` gives it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where a node sits in a document: object keys and array indices from the root. */
export type JsonPath = readonly (string | number)[];

/** A mutated copy of a document and what was done to it, one line per mutation. */
export interface Mutated {
  readonly doc: Json;
  readonly mutations: readonly string[];
}

/** One mutation as fast-check draws it; `apply` turns it into an edit of the node it lands on. */
interface MutationSpec {
  /** Which node: an index into the pool (all nodes, object members only, or the focus). */
  readonly pick: number;
  readonly pool: number;
  /** Which of the operations that fit the node's type. */
  readonly op: number;
  /** Free numbers the operation uses (an index, a length, a depth). */
  readonly a: number;
  readonly b: number;
  readonly value: Json;
}

/** Values a hostile or careless file puts where a number, a string or a list was. */
const HOSTILE: readonly Json[] = [null, 1e308, -1e308, 1e9, -1, 0, 2 ** 31, 2 ** 53 + 2, 0.5, 'x', '', 'NaN', '1e999', '__proto__', true, false, [], {}, [null], { length: 1e9 }];

/** The value arbitrary a replacement draws from: hostile constants mostly, then anything small. */
const valueArb: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 1000 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

const specArb: fc.Arbitrary<MutationSpec> = fc.record({
  pick: fc.nat(),
  pool: fc.nat({ max: 2 }),
  op: fc.nat(),
  a: fc.nat(),
  b: fc.nat(),
  value: valueArb,
});

/** Every path in `doc` (the root excluded), parents before children. */
export function nodePaths(doc: Json): JsonPath[] {
  const out: JsonPath[] = [];
  // Iterative: a document may itself be deep.
  const stack: [Json, JsonPath][] = [[doc, []]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (path.length) out.push(path);
    if (Array.isArray(node)) for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], [...path, i]]);
    else if (node !== null && typeof node === 'object') for (const k of Object.keys(node).reverse()) stack.push([node[k], [...path, k]]);
  }
  return out;
}

/**
 * An arbitrary of mutated copies of `base`: one to `maxMutations` edits, each on a node chosen
 * uniformly among all nodes, among object members (so top-level parts are hit as often as the
 * numbers of a long array), or among the nodes `focus` selects (the parts a reader uses). Edits: drop a key or element; numbers made huge, negative, null (JSON's
 * NaN), -0, fractional, off by one, a string; arrays cut short, emptied, two elements swapped, one
 * duplicated; nesting deepened (wrapped in arrays or objects many levels); strings replaced,
 * truncated, base64 text altered; types changed (array ↔ object, number ↔ string); any hostile value.
 * The base is never modified: only the nodes along an edited path are copied.
 */
export function mutatedJson(base: Json, options: { readonly maxMutations?: number; readonly focus?: (path: JsonPath) => boolean } = {}): fc.Arbitrary<Mutated> {
  const { maxMutations = 4, focus } = options;
  const all = nodePaths(base);
  const members = all.filter((p) => typeof p[p.length - 1] === 'string');
  const focused = focus ? all.filter(focus) : all;
  const pools = [all, members.length ? members : all, focused.length ? focused : all];
  return fc.array(specArb, { minLength: 1, maxLength: maxMutations }).map((specs) => {
    let doc = base;
    const mutations: string[] = [];
    for (const spec of specs) {
      const pool = pools[spec.pool];
      if (!pool.length) break;
      const path = existingPrefix(doc, pool[spec.pick % pool.length]);
      if (!path.length) continue;
      const parent = at(doc, path.slice(0, -1));
      const node = at(doc, path);
      const edit = chooseEdit(node, parent, spec);
      mutations.push(`${pathText(path)}: ${edit.what}`);
      doc = edit.drop ? removeAt(doc, path) : replaceAt(doc, path, edit.value as Json);
    }
    return { doc, mutations };
  });
}

interface Edit {
  readonly what: string;
  readonly drop?: boolean;
  readonly value?: Json;
}

/** The edits that fit a node of this type; `spec.op` picks one of them. */
function chooseEdit(node: Json, parent: Json, spec: MutationSpec): Edit {
  const { a, b, value } = spec;
  const edits: (() => Edit)[] = [
    () => ({ what: parent !== null && Array.isArray(parent) ? 'element removed' : 'key dropped', drop: true }),
    () => ({ what: `replaced by ${short(value)}`, value }),
    // Mostly a few levels; one in five up to 1,000 (four such edits stay within what JSON.stringify can write).
    () => deepen(node, 2 + (a % 5 === 0 ? a % 1000 : a % 40), b % 2 === 0),
  ];
  if (typeof node === 'number') {
    const n = node;
    edits.push(
      () => ({ what: 'made huge (1e308)', value: 1e308 }),
      () => ({ what: `made huge (×${1e6})`, value: n * 1e6 + 1e6 }),
      () => ({ what: 'made negative', value: n === 0 ? -1 : -n }),
      () => ({ what: 'made null (NaN in JSON)', value: null }),
      () => ({ what: 'made -0', value: -0 }),
      () => ({ what: 'made fractional', value: n + 0.5 }),
      () => ({ what: `shifted by ${(a % 3) - 1 || 2}`, value: n + ((a % 3) - 1 || 2) }),
      () => ({ what: 'made a string', value: String(n) }),
      () => ({ what: 'made 2^31', value: 2 ** 31 }),
    );
  } else if (typeof node === 'string') {
    const s = node;
    edits.push(
      () => ({ what: `truncated to ${a % (s.length + 1)} chars`, value: s.slice(0, a % (s.length + 1)) }),
      () => ({ what: 'emptied', value: '' }),
      () => ({ what: 'made a number', value: Number.isFinite(Number(s)) && s.trim() !== '' ? Number(s) : a % 1000 }),
      () => ({ what: 'replaced by "__proto__"', value: '__proto__' }),
      () => ({ what: 'a character changed', value: s.length ? s.slice(0, a % s.length) + String.fromCharCode(33 + (b % 90)) + s.slice((a % s.length) + 1) : '!' }),
    );
    if (s.length > 16 && /^[A-Za-z0-9+/=]+$/.test(s)) {
      // Base64 (a network's weights): shorter by whole 4-character groups decodes to fewer floats.
      edits.push(
        () => ({ what: 'base64 cut by whole groups', value: s.slice(0, Math.max(0, s.length - 4 * (1 + (a % 16)))) }),
        () => ({ what: 'base64 cut mid-group', value: s.slice(0, Math.max(0, s.length - 1 - (a % 3))) }),
        () => ({ what: 'base64 given junk', value: s.slice(0, a % s.length) + '*%$' + s.slice(a % s.length) }),
        () => ({ what: 'base64 doubled', value: s + s }),
      );
    }
  } else if (Array.isArray(node)) {
    const arr = node;
    const i = arr.length ? a % arr.length : 0;
    const j = arr.length ? b % arr.length : 0;
    edits.push(
      () => ({ what: `cut from ${arr.length} to ${i} elements`, value: arr.slice(0, i) }),
      () => ({ what: 'emptied', value: [] }),
      () => ({ what: `elements ${i} and ${j} swapped`, value: swap(arr, i, j) }),
      () => ({ what: `element ${i} duplicated`, value: arr.length ? [...arr.slice(0, i + 1), arr[i], ...arr.slice(i + 1)] : [null] }),
      () => ({ what: `one element added (${short(value)})`, value: [...arr, value] }),
      () => ({ what: 'made an object', value: Object.fromEntries(arr.map((v, k) => [String(k), v])) }),
      () => ({ what: 'reversed', value: [...arr].reverse() }),
    );
  } else if (node !== null && typeof node === 'object') {
    const keys = Object.keys(node);
    edits.push(
      () => ({ what: 'emptied', value: {} }),
      () => ({ what: 'made an array', value: Object.values(node) }),
      () => ({ what: 'key "__proto__" added', value: withKey(node, '__proto__', value) }),
      () => (keys.length ? { what: `key "${keys[a % keys.length]}" dropped`, value: withoutKey(node, keys[a % keys.length]) } : { what: 'emptied', value: {} }),
    );
  } else if (typeof node === 'boolean') {
    edits.push(() => ({ what: 'flipped', value: !node }), () => ({ what: 'made a number', value: node ? 1 : 0 }));
  }
  return edits[spec.op % edits.length]();
}

/** Wraps a node in `depth` arrays (or objects): a deeper document than any reader expects. */
function deepen(node: Json, depth: number, arrays: boolean): Edit {
  let v = node;
  for (let k = 0; k < depth; k++) v = arrays ? [v] : { value: v };
  return { what: `nested ${depth} levels deeper in ${arrays ? 'arrays' : 'objects'}`, value: v };
}

function swap(arr: readonly Json[], i: number, j: number): Json[] {
  const out = [...arr];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** `node` with `key` set, defined as an own property (so `__proto__` is data, as JSON.parse makes it). */
function withKey(node: { [key: string]: Json }, key: string, value: Json): { [key: string]: Json } {
  const out = { ...node };
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function withoutKey(node: { [key: string]: Json }, key: string): { [key: string]: Json } {
  const out = { ...node };
  delete out[key];
  return out;
}

function isContainer(x: Json): x is Json[] | { [key: string]: Json } {
  return x !== null && typeof x === 'object';
}

/** The node at `path` (undefined when the path does not resolve). */
function at(doc: Json, path: JsonPath): Json {
  let node: Json = doc;
  for (const k of path) node = isContainer(node) ? (node as Record<string, Json>)[k] : null;
  return node;
}

/** The longest prefix of `path` that still resolves in `doc` (earlier edits may have removed the rest). */
function existingPrefix(doc: Json, path: JsonPath): JsonPath {
  let node: Json = doc;
  for (let d = 0; d < path.length; d++) {
    const k = path[d];
    if (!isContainer(node) || !Object.hasOwn(node, k)) return path.slice(0, d);
    node = (node as Record<string, Json>)[k];
  }
  return path;
}

/** `doc` with the node at `path` replaced; only the containers along the path are copied. */
function replaceAt(doc: Json, path: JsonPath, value: Json): Json {
  if (!path.length) return value;
  const [k, ...rest] = path;
  const child = replaceAt((doc as Record<string, Json>)[k], rest, value);
  if (Array.isArray(doc)) {
    const out = [...doc];
    out[k as number] = child;
    return out;
  }
  return withKey(doc as { [key: string]: Json }, k as string, child);
}

/** `doc` without the node at `path` (an array element is spliced out). */
function removeAt(doc: Json, path: JsonPath): Json {
  const [k, ...rest] = path;
  if (rest.length) {
    return replaceAt(doc, [k], removeAt((doc as Record<string, Json>)[k], rest));
  }
  if (Array.isArray(doc)) return doc.filter((_, i) => i !== k);
  return withoutKey(doc as { [key: string]: Json }, k as string);
}

/** A path as text: `model.state.trees[3].left[17]`. */
export function pathText(path: JsonPath): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

function short(v: Json): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 24 ? `${text.slice(0, 21)}…` : text;
}
