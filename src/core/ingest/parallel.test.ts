import { describe, expect, it } from 'vitest';
import type { DataTable } from '../table/DataTable';
import { formatCell } from '../table/column';
import { createRng } from '../util/rng';
import { type ParallelHost, type PartTask, parsePart } from './parallel';
import { readCsv } from './reader';
import { type ByteSource, bytesSource } from './source';

/** A host that runs the parts in this thread, concurrently: the same code a worker runs. */
function inThreadHost(source: ByteSource, workers: number, seen: PartTask[] = []): ParallelHost {
  return {
    workers,
    minBytes: 0,
    run: (task) => {
      seen.push(task);
      return parsePart(source, task);
    },
  };
}

function cells(t: DataTable): string[][] {
  return t.columns.map((c) => Array.from({ length: t.rowCount }, (_, i) => formatCell(c, i)));
}

function bigCsv(rows: number, extra: (i: number) => string | null = () => null): Uint8Array {
  const rng = createRng(5);
  const lines = ['id,x,colour,flag,when,note'];
  for (let i = 0; i < rows; i++) {
    const custom = extra(i);
    if (custom !== null) {
      lines.push(custom);
      continue;
    }
    const colour = ['red', 'green', 'blue', 'teal'][rng.int(4)];
    const x = rng.next() < 0.02 ? 'NA' : (rng.normal() * 100).toFixed(3);
    const when = `2024-0${1 + rng.int(9)}-1${rng.int(10)}`;
    lines.push(`${i},${x},${colour},${rng.next() < 0.5 ? 'yes' : 'no'},${when},"note ${rng.int(500)}"`);
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

describe('reading with several workers', () => {
  it('gives exactly the table one thread gives: kinds, values, dictionaries, warnings', async () => {
    const bytes = bigCsv(30_000, (i) => (i === 20_000 ? '20000,1.5,red' : null)); // one ragged row late in the file
    const seen: PartTask[] = [];
    const one = await readCsv(bytesSource(bytes));
    const many = await readCsv(bytesSource(bytes), { parallel: inThreadHost(bytesSource(bytes), 3, seen) });
    expect(seen).toHaveLength(3);
    expect(many.table.columns.map((c) => c.kind)).toEqual(one.table.columns.map((c) => c.kind));
    expect(many.table.columns.map((c) => c.kind)).toEqual(['numeric', 'numeric', 'categorical', 'boolean', 'datetime', 'categorical']);
    expect(cells(many.table)).toEqual(cells(one.table));
    expect(many.warnings).toEqual(one.warnings);
    expect(many.warnings[0]).toMatchObject({ code: 'ragged-rows', lines: [20_002] });
    expect(many.meta).toEqual(one.meta);
  });

  it('re-reads a column whose values stop fitting in a later part, with the file line', async () => {
    const bytes = bigCsv(30_000, (i) => (i === 25_000 ? '25000,oops,red,yes,2024-01-01,"x"' : null));
    const one = await readCsv(bytesSource(bytes));
    const many = await readCsv(bytesSource(bytes), { parallel: inThreadHost(bytesSource(bytes), 2) });
    expect(many.table.columns[1].kind).toBe('categorical');
    expect(cells(many.table)).toEqual(cells(one.table));
    expect(many.warnings.find((w) => w.code === 'mixed-kind')?.lines).toEqual([25_002]);
  });

  it('falls back to one thread when a cut lands inside a quoted field with line breaks', async () => {
    const note = `"${'long\nnote '.repeat(4000)}"`;
    const bytes = bigCsv(2_000, (i) => (i >= 900 && i < 1100 ? `${i},1,red,yes,2024-01-01,${note}` : null));
    const one = await readCsv(bytesSource(bytes));
    const seen: PartTask[] = [];
    const many = await readCsv(bytesSource(bytes), { parallel: inThreadHost(bytesSource(bytes), 2, seen) });
    expect(seen.map((t) => t.part)).toEqual([0, 1]); // tried in parallel, then read by one thread
    expect(many.table.rowCount).toBe(2_000);
    expect(cells(many.table)).toEqual(cells(one.table));
  });
});
