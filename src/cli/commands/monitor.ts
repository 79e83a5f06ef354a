import { basename } from 'node:path';
import { parseAnyModelFile } from '../../core/artifact/load';
import type { AnyModelFile } from '../../core/artifact/modelFile';
import type { ReadSettings } from '../../core/ingest/reader';
import { monitorReportHtml } from '../../core/monitor/html';
import { exitCodeOf } from '../../core/monitor/monitor';
import { monitorTable } from '../../core/monitor/monitorTable';
import type { MonitorOptions } from '../../core/monitor/types';
import { findColumn, type DataTable } from '../../core/table/DataTable';
import { SaplingError } from '../../core/util/errors';
import { readCsvFile, readModelFile, writeJson, writeOut } from '../io';
import { formatMonitorReport } from '../monitorFormat';
import type { WorkerPool } from '../parallel';

/** The flags of `sapling monitor`, as parsed (strings until checked here). */
export interface MonitorFlags {
  readonly reference?: string;
  readonly chunks?: string;
  readonly by?: string;
  readonly period?: string;
  readonly 'drift-share'?: string;
  readonly out?: string;
  readonly html?: string;
  readonly read?: ReadSettings;
}

const PERIODS = ['day', 'week', 'month'] as const;

/** The monitoring options from the flags; every mistake names the flag and what it takes. */
export function monitorOptionsFrom(flags: MonitorFlags): MonitorOptions {
  const options: { -readonly [K in keyof MonitorOptions]: MonitorOptions[K] } = {};
  if (flags.chunks !== undefined && flags.by !== undefined) throw new SaplingError('bad-option', '--chunks and --by split the rows two ways: give one of them');
  if (flags.chunks !== undefined) {
    if (!/^\d+$/.test(flags.chunks) || Number(flags.chunks) < 2) throw new SaplingError('bad-option', `--chunks must be a whole number of chunks, 2 or more, got "${flags.chunks}"`);
    options.chunks = Number(flags.chunks);
  }
  if (flags.period !== undefined && flags.by === undefined) throw new SaplingError('bad-option', '--period needs --by <date column>');
  if (flags.by !== undefined) {
    const period = flags.period ?? 'month';
    if (!(PERIODS as readonly string[]).includes(period)) throw new SaplingError('bad-option', `--period must be one of ${PERIODS.join(', ')}, got "${period}"`);
    options.by = { column: flags.by, period: period as (typeof PERIODS)[number] };
  }
  if (flags['drift-share'] !== undefined) {
    const share = Number(flags['drift-share']);
    if (flags['drift-share'].trim() === '' || !(share > 0 && share <= 1)) throw new SaplingError('bad-option', `--drift-share must be a share of columns above 0 and at most 1, got "${flags['drift-share']}"`);
    options.driftShare = share;
  }
  return options;
}

/** Reads a CSV as the model reads it: its input columns keep the kinds it was trained with; the rest are inferred. */
async function readAsModel(file: AnyModelFile, path: string, read: ReadSettings = {}, pool?: WorkerPool): Promise<DataTable> {
  const kinds = Object.fromEntries(file.inputSchema.map((c) => [c.name, c.kind]));
  const result = await readCsvFile(path, { ...read, kinds: { ...read.kinds, ...kinds } }, pool);
  for (const w of result.warnings) console.error(`warning: ${basename(path)}: ${w.message}`);
  const absent = file.inputSchema.filter((c) => !findColumn(result.table, c.name)).map((c) => `"${c.name}"`);
  if (absent.length) {
    const list = absent.length > 8 ? `${absent.slice(0, 8).join(', ')} and ${absent.length - 8} more` : absent.join(', ');
    throw new SaplingError('missing-columns', `${basename(path)} lacks ${absent.length === 1 ? 'the model input column' : `${absent.length} of the model's input columns`} ${list}`);
  }
  return result.table;
}

/** `--by`'s column must be there and read as dates. */
function checkDateColumn(table: DataTable, column: string, path: string): void {
  const found = findColumn(table, column);
  if (!found) throw new SaplingError('bad-option', `--by "${column}": ${basename(path)} has no such column`);
  if (found.kind !== 'datetime') throw new SaplingError('bad-option', `--by "${column}": that column of ${basename(path)} is read as ${found.kind}, not as dates`);
}

/**
 * `sapling monitor <model.json> <new.csv> [--reference train.csv] [--chunks N | --by <date> --period
 * day|week|month] [--drift-share S] [--out report.json] [--html report.html]`: the new rows' drift
 * against the model file's reference (or a reference CSV's rows), prediction drift and performance,
 * printed as a table and written as JSON and HTML. Returns the exit code: 2 when the report has
 * alerts (so cron and CI can page someone), 0 when it has none; bad input throws (exit 1).
 */
export async function monitorCommand(modelPath: string, dataPath: string, flags: MonitorFlags, pool?: WorkerPool): Promise<number> {
  const options = monitorOptionsFrom(flags);
  const file = readModelFile(modelPath, parseAnyModelFile);
  if (flags.reference === undefined && !file.monitoring) {
    throw new SaplingError('no-reference', `${basename(modelPath)} keeps no reference of its training data (a model file from before version 4): give the training rows with --reference train.csv`);
  }
  const current = await readAsModel(file, dataPath, flags.read, pool);
  if (options.by) checkDateColumn(current, options.by.column, dataPath);
  const reference = flags.reference === undefined ? undefined : await readAsModel(file, flags.reference, flags.read, pool);
  const report = await monitorTable(file, current, options, reference);
  console.log(formatMonitorReport(report, { model: basename(modelPath), data: basename(dataPath), reference: flags.reference && basename(flags.reference) }));
  if (flags.out) {
    await writeJson(flags.out, report);
    console.log(`report written to ${flags.out}`);
  }
  if (flags.html) {
    await writeOut(flags.html, monitorReportHtml(report));
    console.log(`HTML report written to ${flags.html}`);
  }
  return exitCodeOf(report);
}
