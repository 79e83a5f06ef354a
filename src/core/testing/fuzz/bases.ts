import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCsvText } from '../../ingest/csv';
import { MODEL_REGISTRY } from '../../models/registry';
import { defaultRecipe } from '../../prep/recipe';
import { type Task, isUnsupervised, resolveProblem } from '../../problem';
import { recipeFacts } from '../../profile/profile';
import { makeProjectFile, parseProjectFile, projectFileText } from '../../project/projectFile';
import { buildRunRecord } from '../../project/runRecord';
import type { RawParams } from '../../params';
import { DEFAULT_SEED } from '../../train/config';
import { runTraining } from '../../train/runTraining';
import { runUnsupervised } from '../../train/runUnsupervised';
import { sampleText } from '../tables';

/**
 * The valid files the fuzzers mutate, made once: tiny models of every registered family trained
 * through the CLI's own path (`runTraining` / `runUnsupervised` on a small table, the default
 * recipe), a project file, and CSV texts. Plain strings, so the bench can hand them to its workers.
 */
export interface FuzzBases {
  /** Model files by family id: one per task the family does (classification and regression, or its unsupervised task). */
  readonly models: Readonly<Record<string, readonly { readonly task: string; readonly text: string }[]>>;
  /** Rows to predict, as the CSV a person would give `sapling predict` (some cells missing). */
  readonly predictCsv: string;
  readonly project: string;
  /** Valid CSV files to corrupt. */
  readonly csv: readonly string[];
}

/**
 * Small settings per family, so a file is kilobytes (a case must parse in milliseconds) and
 * training all of them takes seconds. Families not listed train with their defaults.
 */
const SMALL_PARAMS: Readonly<Record<string, RawParams>> = {
  mlp: { layers: 1, units: 4, epochs: 5, earlyStopping: false },
  forest: { trees: 5, maxDepth: 4 },
  gbdt: { rounds: 5, leaves: 4, minSamplesLeaf: 3, earlyStopping: false },
  tree: { maxDepth: 5 },
  kmeans: { k: 3, nInit: 2, elbowMaxK: 2 },
  ensemble: { knn: true, 'forest.trees': 3, 'gbdt.rounds': 3, 'gbdt.earlyStopping': false },
};

/** Every 6th row of penguins (57 rows: numbers, two categorical columns, missing cells). */
function smallPenguins(): string {
  const lines = sampleText('penguins.csv').trim().split('\n');
  return [lines[0], ...lines.slice(1).filter((_, i) => i % 6 === 0)].join('\n') + '\n';
}

/** A CSV with what readers trip on: quotes, embedded delimiters and line breaks, accents, dates, booleans. */
const AWKWARD_CSV = [
  'id,name,city,when,flag,amount,notes',
  '1,"Müller, Anna",Zürich,2024-01-05,true,3.5,"said ""hi"""',
  '2,Søren,Århus,2024-02-29T10:15:00Z,false,-0.25,"two',
  'lines"',
  '3,José,São Paulo,2024-03-01,true,1e3,',
  '4,,Paris,,false,NA,plain',
  '5,"  spaced  ",Köln,2024-12-31,true,00501,"x,y"',
].join('\n');

/** Trains the base models and writes the base files (a few seconds; TF.js must have a backend). */
export async function makeFuzzBases(): Promise<FuzzBases> {
  const csvText = smallPenguins();
  const { table } = await readCsvText(csvText);
  const facts = recipeFacts(table);
  const models: Record<string, { task: string; text: string }[]> = {};
  const runs = [];
  for (const family of MODEL_REGISTRY) {
    const params = SMALL_PARAMS[family.id] ?? {};
    const files: { task: string; text: string }[] = [];
    const unsupervised = family.tasks.find(isUnsupervised);
    if (unsupervised) {
      const { file, report } = await runUnsupervised(table, { task: unsupervised, recipe: defaultRecipe(facts, null), model: { id: family.id, params }, seed: DEFAULT_SEED });
      files.push({ task: unsupervised, text: JSON.stringify(file) });
      if (runs.length < 4) runs.push(runInput(family.id, { target: null, task: unsupervised }, report));
    }
    const targets: [string, Task | 'classification'][] = [];
    if (family.tasks.includes('multiclass')) targets.push(['species', 'classification']);
    if (family.tasks.includes('regression')) targets.push(['body_mass_g', 'regression']);
    for (const [target, task] of targets) {
      const problem = resolveProblem(table, target, task);
      const recipe = defaultRecipe(facts, target);
      const { file, report } = await runTraining(table, { problem, recipe, model: { id: family.id, params }, seed: DEFAULT_SEED });
      files.push({ task: problem.task, text: JSON.stringify(file) });
      if (runs.length < 4) runs.push(runInput(family.id, problem, report));
    }
    models[family.id] = files;
  }
  let n = 0;
  const built = runs.map((input) => buildRunRecord(input, () => `fuzz-${++n}`));
  const fixture = parseProjectFile(readFileSync(fileURLToPath(new URL('../../project/fixtures/project-v1.json', import.meta.url)), 'utf8'));
  const project = projectFileText(makeProjectFile([...fixture.runs, ...built], new Date('2026-12-01T00:00:00Z')));
  // A row with missing cells too: imputation is part of the path under test.
  const predictCsv = [...csvText.split('\n').slice(0, 8), '"Adelie","Biscoe",NA,18.1,190,NA,NA,2008'].join('\n') + '\n';
  return { models, predictCsv, project, csv: [csvText, sampleText('iris.csv'), AWKWARD_CSV] };
}

type Problem = Parameters<typeof buildRunRecord>[0]['problem'];
type Report = Extract<Parameters<typeof buildRunRecord>[0]['outcome'], { status: 'succeeded' }>['report'];

/** The run-history entry of one base training, as the studio records it. */
function runInput(model: string, problem: Problem, report: Report): Parameters<typeof buildRunRecord>[0] {
  return {
    kind: 'train',
    startedAt: '2026-12-01T00:00:00.000Z',
    data: { name: 'penguins-small.csv', fingerprint: report.data_fingerprint, rows: 57, columns: 8 },
    problem,
    recipe: { dropDuplicateRows: false, testSize: 0.2, stratify: true, steps: [] },
    model: { id: model, params: {} },
    seed: DEFAULT_SEED,
    validation: { folds: 0, method: 'k-fold', group: null },
    backend: 'cpu',
    durationMs: 10,
    outcome: { status: 'succeeded', report },
  };
}
