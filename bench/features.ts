/**
 * `npm run bench -- features`: issue 15's question, does feature engineering pay? On public data
 * sets (the accuracy benchmark's train/test files, split by scikit-learn), the held-out score of the
 * default recipe against a recipe with engineered features, with the task's default model and with
 * Auto. The engineered recipe is the default one with the feature steps that are registered when the
 * bench runs (missing indicators, a power transform, polynomial features, target encoding, date
 * parts …) put in; a step that is not registered, or refuses the parameters asked of it, is left out
 * and named. Everything runs through the CLI as a person would: `sapling train --test … --steps`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvFile } from '../src/cli/io';
import { type RawParams, resolveParams } from '../src/core/params';
import { defaultRecipe } from '../src/core/prep/recipe';
import type { StepSpec } from '../src/core/prep/recipeSpec';
import { STEP_REGISTRY } from '../src/core/prep/registry';
import { recipeFacts } from '../src/core/profile/profile';
import type { DataTable } from '../src/core/table/DataTable';
import { type Dataset, ACCURACY_FOLDER, ensureDatasets } from './accuracy';
import { DATA_DIR } from './data';

const root = join(import.meta.dirname, '..');
const FOLDER = join(DATA_DIR, 'features');
/** The accuracy benchmark's data sets that are small enough for polynomial features (digits' 64 columns make 2,000). */
const SETS = ['penguins', 'wine', 'breast-cancer', 'diabetes', 'titanic'];
/** Auto's settings here: a fixed number of tuning trials (repeatable, unlike a time budget) on 3 folds. */
const AUTO = ['--model', 'auto', '--trials', '2', '--cv', '3'];
const SEED = '0';

/**
 * A feature step to put into the default recipe: its id, the parameters asked of it, where it goes
 * (before or after a step of the default recipe) and when it applies to a data set.
 */
interface Insertion {
  readonly step: string;
  readonly params: RawParams;
  readonly place: { readonly before: string } | { readonly after: string };
  readonly when: (table: DataTable, target: string) => boolean;
  readonly why: string;
}

const has = (kind: string) => (table: DataTable, target: string) => table.columns.some((c) => c.name !== target && c.kind === kind);
const hasGaps = (table: DataTable, target: string) =>
  table.columns.some((c) => c.name !== target && (c.kind === 'numeric' || c.kind === 'datetime' ? c.values.some(Number.isNaN) : c.kind === 'boolean' ? c.values.some((v) => v < 0) : c.codes.some((v) => v < 0)));

/** The engineered steps, in the order they are put in. */
const INSERTIONS: readonly Insertion[] = [
  { step: 'date-parts', params: {}, place: { after: 'drop-columns' }, when: has('datetime'), why: 'date parts of date columns' },
  { step: 'missing-indicator', params: {}, place: { before: 'impute' }, when: hasGaps, why: 'missing-value indicators' },
  { step: 'power', params: { method: 'yeo-johnson' }, place: { after: 'impute' }, when: has('numeric'), why: 'Yeo-Johnson power transform' },
  { step: 'polynomial', params: { degree: 2 }, place: { after: 'impute' }, when: has('numeric'), why: 'degree-2 polynomial features' },
  { step: 'target-encode', params: {}, place: { before: 'one-hot' }, when: has('categorical'), why: 'target encoding of categories (cross-fitted)' },
];

/**
 * The step as the bench asks it, if it is registered: with the parameters asked when its schema
 * takes them, else with its defaults (noted); null when it is not registered at all.
 */
function available(insertion: Insertion, notes: Set<string>): StepSpec | null {
  const def = STEP_REGISTRY.find((s) => s.id === insertion.step);
  if (!def) return null;
  try {
    resolveParams(def.schema, insertion.params);
    return { step: insertion.step, params: insertion.params };
  } catch (e) {
    notes.add(`\`${insertion.step}\` refused ${JSON.stringify(insertion.params)} (${(e as Error).message}); it ran with its defaults`);
    return { step: insertion.step, params: {} };
  }
}

/** The default recipe's steps with the registered feature steps that apply to this data put in. */
function engineer(base: readonly StepSpec[], table: DataTable, target: string, notes: Set<string>, leaveOut: readonly string[] = []): StepSpec[] {
  const steps = [...base];
  for (const insertion of INSERTIONS) {
    if (leaveOut.includes(insertion.step) || !insertion.when(table, target)) continue;
    const spec = available(insertion, notes);
    if (!spec) continue;
    const anchor = 'before' in insertion.place ? insertion.place.before : insertion.place.after;
    // After the last of the steps inserted after the same anchor: the list's order is INSERTIONS' order.
    let at = steps.findIndex((s) => s.step === anchor);
    if (at < 0) at = 'before' in insertion.place ? steps.length : 0;
    else if ('after' in insertion.place) {
      at++;
      while (at < steps.length && !base.includes(steps[at])) at++;
    }
    steps.splice(at, 0, spec);
  }
  return steps;
}

/** A `sapling train` run's report, or its error's last line. */
function train(set: Dataset, name: string, args: readonly string[]): { score: number; model: string; seconds: number } | { error: string } {
  const report = join(FOLDER, `${set.name}-${name}.report.json`);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', 'train', join(ACCURACY_FOLDER, set.train), '--test', join(ACCURACY_FOLDER, set.test), '--target', set.target, '--seed', SEED, ...args, '--report', report], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) return { error: r.stderr.trim().split('\n').at(-1)?.replace(/^error: /, '') ?? `exit ${r.status}` };
  const rep = JSON.parse(readFileSync(report, 'utf8'));
  return { score: rep.metrics.test[set.task === 'regression' ? 'r2' : 'accuracy'], model: rep.model, seconds: (performance.now() - t) / 1000 };
}

const f3 = (x: number) => x.toFixed(3);
const cell = (r: ReturnType<typeof train>, auto = false) => ('error' in r ? `failed: ${r.error.slice(0, 80)}` : `${f3(r.score)}${auto ? ` (${r.model})` : ''}`);
const gain = (a: ReturnType<typeof train>, b: ReturnType<typeof train>) => ('error' in a || 'error' in b ? '—' : `${b.score - a.score >= 0 ? '+' : '−'}${f3(Math.abs(b.score - a.score))}`);

/** The section: one table row per data set; the engineered recipes and the steps left out below it. */
export async function featuresSection(say: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  mkdirSync(FOLDER, { recursive: true });
  const sets = ensureDatasets().filter((d) => SETS.includes(d.name));
  const notes = new Set<string>();
  const registered = INSERTIONS.filter((i) => STEP_REGISTRY.some((s) => s.id === i.step));
  const missing = INSERTIONS.filter((i) => !registered.includes(i));
  say(
    `Held-out score (accuracy; R² for diabetes) on each data set's test file (scikit-learn's train_test_split, test_size 0.25, random_state 0), ` +
      `trained with \`sapling train --test\` (seed ${SEED}): the default recipe against the default recipe with engineered features ` +
      `(\`--steps\`: ${registered.map((i) => i.why).join(', ') || 'none registered'}; each where the data has columns it applies to), ` +
      `with the task's default model and with Auto (\`${AUTO.join(' ')}\`).`,
  );
  say('');
  say('| data set | rows | default model, default recipe | engineered without polynomial | engineered | gain | Auto, default recipe | Auto, engineered | gain |');
  say('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const recipes: string[] = [];
  for (const set of sets) {
    const table = (await readCsvFile(join(ACCURACY_FOLDER, set.train))).table;
    const base = defaultRecipe(recipeFacts(table), set.target).steps;
    const steps = engineer(base, table, set.target, notes);
    const stepsFile = join(FOLDER, `${set.name}-engineered.json`);
    writeFileSync(stepsFile, JSON.stringify(steps, null, 2));
    recipes.push(`- ${set.name}: ${steps.map((s) => (base.includes(s) ? s.step : `**${s.step}**`)).join(' → ')}`);
    // The polynomial terms are the most columns by far (465 of breast cancer's 495): the same recipe without them too.
    const fewer = join(FOLDER, `${set.name}-engineered-no-polynomial.json`);
    writeFileSync(fewer, JSON.stringify(engineer(base, table, set.target, notes, ['polynomial']), null, 2));
    const plain = train(set, 'default', []);
    const withoutPolynomial = train(set, 'engineered-no-polynomial', ['--steps', fewer]);
    const engineered = train(set, 'engineered', ['--steps', stepsFile]);
    const auto = train(set, 'auto', AUTO);
    const autoEngineered = train(set, 'auto-engineered', [...AUTO, '--steps', stepsFile]);
    say(`| ${set.name} | ${set.rows} | ${cell(plain)} | ${cell(withoutPolynomial)} | ${cell(engineered)} | ${gain(plain, engineered)} | ${cell(auto, true)} | ${cell(autoEngineered, true)} | ${gain(auto, autoEngineered)} |`);
  }
  say('');
  say('Recipes (engineered steps in bold):');
  say('');
  for (const line of recipes) say(line);
  if (missing.length || notes.size) say('');
  if (missing.length) say(`Not registered when this ran, so left out: ${missing.map((i) => `\`${i.step}\``).join(', ')}.`);
  for (const note of notes) say(`Note: ${note}.`);
  say('');
  say('"gain" is engineered (with polynomial) minus default, with the default model and with Auto. Scores, not ratios, so the load on the machine does not move them.');
  say(`One test file of 45–140 rows decides each score, so differences of a row or two (0.01–0.02) are noise. Section time ${((performance.now() - t0) / 1000).toFixed(0)} s.`);
}
