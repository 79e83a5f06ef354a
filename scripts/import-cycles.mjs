// Lists the import cycles in src/ (strongly connected components of the import graph), and the
// contracts (CONTRACTS below) that reach the training side, and exits 1 when there is either:
// `npm test` runs it first (`npm run check:cycles`), so a cycle or a contract that is not a leaf
// fails the build.
//   node scripts/import-cycles.mjs            every import: `import`, `import type`, `export … from`,
//                                             dynamic `import()`, `typeof import()` types, `import x = require()`
//   node scripts/import-cycles.mjs --values   only the imports left at run time (no `import type`,
//                                             `export type`, type queries), to show the cycles a bundle has
//   --root <dir>                              another folder (the tests run it on small fixtures)
// Imports are read with TypeScript's parser, so comments, strings and multi-line imports cannot
// fool it. Relative specifiers are resolved as the bundler does: the exact file, then `.ts`, `.tsx`,
// `.d.ts`, then `index.ts` / `index.tsx` in a folder; `.js` / `.jsx` / `.mjs` name their TypeScript
// source; a `?query` (Vite's `?url`, `?worker`) is dropped. Bare specifiers (packages) are not ours.
// For each cycle it prints the files, the imports between them (with line numbers) and one
// shortest loop, which is where to cut.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const args = process.argv.slice(2);
const valuesOnly = args.includes('--values');
const rootArg = args.indexOf('--root');
const root = resolve(rootArg >= 0 ? args[rootArg + 1] : 'src');

const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules') walk(path);
    } else if (/\.(c|m)?tsx?$/.test(name) && !/\.d\.(c|m)?ts$/.test(name)) files.push(path);
  }
})(root);

const isFile = (path) => existsSync(path) && statSync(path).isFile();

/** The file a relative specifier names, or undefined (a package, or a file outside what we read). */
function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  const ts = base.replace(/\.(m|c)?js$/, '.$1ts').replace(/\.jsx$/, '.tsx');
  const candidates = [base, ts, `${base}.ts`, `${base}.tsx`, `${base}.d.ts`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find(isFile);
}

/**
 * Whether a named import or re-export list is erased at run time. `import { type A } from './a'`
 * is not: under `verbatimModuleSyntax` it stays as `import {} from './a'`, which still runs a.
 */
const typeOnlyClause = (node) => Boolean(node?.isTypeOnly);

/** Every import of one file: { specifier, line, typeOnly }. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const kind = /x$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found = [];
  const add = (literal, typeOnly) => {
    if (literal && ts.isStringLiteralLike(literal)) {
      found.push({ specifier: literal.text, line: source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1, typeOnly });
    }
  };
  (function visit(node) {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, typeOnlyClause(node.importClause));
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    ts.forEachChild(node, visit);
  })(source);
  return found;
}

/** file → [{ to, line, typeOnly }] for the imports that resolve to files under root. */
const graph = new Map();
/** file → [{ specifier, line }] for its imports of packages (bare specifiers). */
const packages = new Map();
for (const file of files) {
  const edges = [];
  const bare = [];
  for (const imp of importsOf(file)) {
    if (valuesOnly && imp.typeOnly) continue;
    const to = resolveSpecifier(file, imp.specifier);
    if (to) edges.push({ to, line: imp.line, typeOnly: imp.typeOnly });
    else if (!imp.specifier.startsWith('.')) bare.push(imp);
  }
  graph.set(file, edges);
  packages.set(file, bare);
}

// Tarjan's strongly connected components; a component of more than one file, or a file that
// imports itself, is a cycle. Iterative, so a long import chain cannot overflow the stack.
let next = 0;
const order = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
for (const start of graph.keys()) {
  if (order.has(start)) continue;
  const work = [{ v: start, i: 0 }];
  order.set(start, next);
  low.set(start, next++);
  stack.push(start);
  onStack.add(start);
  while (work.length) {
    const frame = work[work.length - 1];
    const edges = graph.get(frame.v) ?? [];
    if (frame.i < edges.length) {
      const w = edges[frame.i++].to;
      if (!order.has(w)) {
        order.set(w, next);
        low.set(w, next++);
        stack.push(w);
        onStack.add(w);
        work.push({ v: w, i: 0 });
      } else if (onStack.has(w)) low.set(frame.v, Math.min(low.get(frame.v), order.get(w)));
      continue;
    }
    work.pop();
    if (work.length) {
      const parent = work[work.length - 1].v;
      low.set(parent, Math.min(low.get(parent), low.get(frame.v)));
    }
    if (low.get(frame.v) !== order.get(frame.v)) continue;
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== frame.v);
    const selfImport = (graph.get(frame.v) ?? []).some((e) => e.to === frame.v);
    if (component.length > 1 || selfImport) cycles.push(component.sort());
  }
}

/** One shortest loop through the component's first file (breadth-first inside the component). */
function shortestLoop(component) {
  const inside = new Set(component);
  const start = component[0];
  const previous = new Map();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const { to } of graph.get(v) ?? []) {
      if (!inside.has(to)) continue;
      if (to === start) {
        const loop = [start];
        for (let u = v; u !== start; u = previous.get(u)) loop.splice(1, 0, u);
        return [...loop, start];
      }
      if (!previous.has(to)) {
        previous.set(to, v);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

const name = (file) => relative(process.cwd(), file);
for (const component of cycles) {
  const inside = new Set(component);
  console.log(`cycle of ${component.length} file(s):`);
  for (const file of component) {
    console.log(`  ${name(file)}`);
    for (const e of graph.get(file) ?? []) {
      if (inside.has(e.to)) console.log(`      line ${e.line}: ${e.typeOnly ? 'type ' : ''}import ${name(e.to)}`);
    }
  }
  console.log(`  shortest loop: ${shortestLoop(component).map(name).join(' -> ')}`);
}
console.log(cycles.length ? `${cycles.length} import cycle(s)${valuesOnly ? ' (value imports only)' : ''} in ${name(root) || '.'}` : `no import cycles in ${files.length} files of ${name(root) || '.'}`);

// Contracts are leaves: the types of what is saved or exchanged (the model file, the fitted model,
// the report, the config, the recipe and the fitted pipeline, the tuner's messages to its threads)
// reach, by any chain of imports, nothing of the training side: no TF.js, and of core/models,
// core/prep, core/train and core/tune only other contracts. So the runtime, the server and the
// model-file checks can name them without pulling training in. Paths are relative to root; a
// --root fixture holds the ones it tests.
const CONTRACTS = [
  'core/artifact/modelFile.ts',
  'core/models/model.ts',
  'core/models/modelInfo.ts',
  'core/models/stateCheck.ts',
  'core/models/unsupervised/summary.ts',
  'core/monitor/types.ts',
  'core/prep/pipeline.ts',
  'core/prep/recipeSpec.ts',
  'core/rl/types.ts',
  'core/train/config.ts',
  'core/train/report.ts',
  'core/tune/trialProtocol.ts',
];
const TRAINING_FOLDERS = /^core\/(models|prep|train|tune)\//;
const TRAINING_PACKAGES = /^@tensorflow\//;
// On src itself, a listed contract that is not there is an error (a rename would otherwise pass
// unchecked); fixtures (--root) list only the files they have.
const missingContracts = CONTRACTS.filter((c) => !isFile(join(root, c)));
if (rootArg < 0 && missingContracts.length) {
  console.error(`contract file${missingContracts.length === 1 ? '' : 's'} listed in CONTRACTS but not in src: ${missingContracts.join(', ')} (renamed? update CONTRACTS in scripts/import-cycles.mjs)`);
  process.exit(1);
}
const contracts = new Set(CONTRACTS.map((c) => join(root, c)).filter(isFile));
const trainingSide = (file) => !contracts.has(file) && TRAINING_FOLDERS.test(relative(root, file).split(/[\\/]/).join('/'));

/** The first training-side file or package a contract reaches, with the chain of imports to it. */
function trainingReached(contract) {
  const previous = new Map([[contract, null]]);
  const queue = [contract];
  const chain = (file) => {
    const path = [];
    for (let u = file; u; u = previous.get(u)) path.unshift(name(u));
    return path;
  };
  while (queue.length) {
    const v = queue.shift();
    const pkg = (packages.get(v) ?? []).find((p) => TRAINING_PACKAGES.test(p.specifier));
    if (pkg) return [...chain(v), pkg.specifier];
    for (const { to } of graph.get(v) ?? []) {
      if (previous.has(to)) continue;
      previous.set(to, v);
      if (trainingSide(to)) return chain(to);
      queue.push(to);
    }
  }
  return null;
}

const leaks = [...contracts].map((c) => trainingReached(c)).filter(Boolean);
for (const path of leaks) console.log(`contract ${path[0]} reaches the training side: ${path.join(' -> ')}`);
if (contracts.size) console.log(leaks.length ? `${leaks.length} contract(s) not leaves` : `${contracts.size} contracts are leaves`);
process.exitCode = cycles.length || leaks.length ? 1 : 0;
