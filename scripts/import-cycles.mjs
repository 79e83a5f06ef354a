// Lists the import cycles in src/ (strongly connected components of the import graph), for issue 13's
// "no import cycles" check. `node scripts/import-cycles.mjs` counts every static import;
// `--values` leaves out `import type` / `export type` lines, which vanish at run time, to show the
// cycles a bundle really has. Tests are left out. Exits 1 when there is a cycle.
// Not yet part of `npm test`: on 2026-12-07 src had a 32-file cycle through the model contracts'
// type imports (only crossValidate.ts <-> runTraining.ts at run time), and three 2-file ones.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve('src');
const valuesOnly = process.argv.includes('--values');
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(path);
  }
})(root);

/** The files each file imports (relative specifiers resolved as TypeScript would, without paths mapping). */
const graph = new Map();
for (const file of files) {
  const deps = [];
  for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
    if (valuesOnly && m[1]) continue;
    const base = resolve(dirname(file), m[2]);
    const hit = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((c) => existsSync(c) && statSync(c).isFile());
    if (hit) deps.push(hit);
  }
  graph.set(file, deps);
}

// Tarjan's strongly connected components; a component of more than one file is a cycle.
let next = 0;
const order = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function visit(v) {
  order.set(v, next);
  low.set(v, next++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!order.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), order.get(w)));
  }
  if (low.get(v) !== order.get(v)) return;
  const component = [];
  let w;
  do {
    w = stack.pop();
    onStack.delete(w);
    component.push(w);
  } while (w !== v);
  if (component.length > 1) cycles.push(component);
}
for (const v of graph.keys()) if (!order.has(v)) visit(v);

for (const c of cycles) {
  console.log(`cycle of ${c.length} files:`);
  for (const f of c.sort()) console.log(`  src/${relative(root, f)}`);
}
console.log(cycles.length ? `${cycles.length} import cycle(s)${valuesOnly ? ' (value imports only)' : ''}` : 'no import cycles');
process.exitCode = cycles.length ? 1 : 0;
