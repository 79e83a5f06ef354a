import { SaplingError } from '../util/errors';
import { jsonChunks } from '../util/jsonChunks';
import { type RunRecord, newestFirst } from './runRecord';
import { validateRun } from './validateRun';

/** The `format` of a Sapling project file. */
export const PROJECT_FILE_FORMAT = 'sapling-project';
/** The project-file version this Sapling writes (and the newest it reads). */
export const PROJECT_FILE_VERSION = 1;

/** A whole project as one JSON file: the run history, newest first. */
export interface ProjectFile {
  readonly format: typeof PROJECT_FILE_FORMAT;
  readonly version: typeof PROJECT_FILE_VERSION;
  /** ISO 8601 time the file was written. */
  readonly savedAt: string;
  readonly runs: readonly RunRecord[];
}

/** A step from one project-file version to the next, on the parsed JSON. */
export type ProjectUpgrade = (file: Record<string, unknown>) => Record<string, unknown>;

/**
 * Upgrades, one version at a time, from each older project-file version to the next, as the model
 * file's (`artifact/load.ts`). Version 1 is the first, so there are none yet; when version 2 comes,
 * add `1: (file) => ({...file, version: 2, …})` and keep a frozen v1 file in ./fixtures loading.
 */
export const PROJECT_UPGRADES: Readonly<Record<number, ProjectUpgrade>> = {};

/** The project file of `runs`, saved at `now`. */
export function makeProjectFile(runs: readonly RunRecord[], now: Date): ProjectFile {
  return { format: PROJECT_FILE_FORMAT, version: PROJECT_FILE_VERSION, savedAt: now.toISOString(), runs: newestFirst(runs) };
}

/** The text of a project file (pretty, to be read by people too), in chunks: a long history can outgrow a string. */
export function* projectFileChunks(file: ProjectFile): Generator<string, void, undefined> {
  yield* jsonChunks(file, 2);
  yield '\n';
}

/** The text of a project file as one string (small files, tests). */
export function projectFileText(file: ProjectFile): string {
  return [...projectFileChunks(file)].join('');
}

/**
 * Parses and validates project-file text. Errors say what is wrong and where: not JSON, not a
 * Sapling project, a version from a newer Sapling, or the first malformed part of a run
 * (`runs[3].seed is not a number`). A file is taken whole or not at all.
 */
export function parseProjectFile(text: string): ProjectFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SaplingError('bad-project-file', `not a Sapling project file: it is not valid JSON (${(e as Error).message})`);
  }
  return validateProjectFile(data);
}

/** Validates (and upgrades) a parsed project file; `upgrades` and `latest` are for tests of the upgrade path. */
export function validateProjectFile(data: unknown, upgrades: Readonly<Record<number, ProjectUpgrade>> = PROJECT_UPGRADES, latest: number = PROJECT_FILE_VERSION): ProjectFile {
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isObject(data) || data.format !== PROJECT_FILE_FORMAT) {
    const hint = isObject(data) && data.format === 'sapling-model' ? ' (this is a model file: import it on Export)' : '';
    throw new SaplingError('bad-project-file', `not a Sapling project file: "format" is not "${PROJECT_FILE_FORMAT}"${hint}`);
  }
  let version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new SaplingError('bad-project-file', `the project file has no valid "version" (got ${JSON.stringify(version) ?? 'nothing'})`);
  }
  if (version > latest) {
    throw new SaplingError('newer-project-file', `the project file was made by a newer Sapling, version ${version}; this one reads up to ${latest}`);
  }
  let file: Record<string, unknown> = data;
  while (version < latest) {
    const upgrade = upgrades[version];
    if (!upgrade) throw new SaplingError('bad-project-file', `no upgrade from project-file version ${version}`);
    file = upgrade(file);
    version++;
  }
  if (typeof file.savedAt !== 'string' || Number.isNaN(Date.parse(file.savedAt))) {
    throw new SaplingError('bad-project-file', `the project file's savedAt is not a date and time (got ${JSON.stringify(file.savedAt) ?? 'nothing'})`);
  }
  if (!Array.isArray(file.runs)) throw new SaplingError('bad-project-file', `the project file's runs ${file.runs === undefined ? 'are missing' : 'are not a list'}`);
  const seen = new Map<string, number>();
  const runs = file.runs.map((r, i) => {
    const run = validateRun(r, `runs[${i}]`);
    const before = seen.get(run.id);
    if (before !== undefined) throw new SaplingError('bad-project-file', `runs[${i}].id ${JSON.stringify(run.id)} is also the id of runs[${before}]`);
    seen.set(run.id, i);
    return run;
  });
  return { format: PROJECT_FILE_FORMAT, version: PROJECT_FILE_VERSION, savedAt: file.savedAt, runs };
}
