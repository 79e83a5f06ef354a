import { fileSource } from './src/cli/io';
import { readCsv } from './src/core/ingest/reader';
import { profileTable } from './src/core/profile/profile';
const t0 = performance.now();
const r = await readCsv(fileSource('bench/.data/mixed-1000000.csv'));
const t1 = performance.now();
const p = profileTable(r.table);
console.log('read', Math.round(t1 - t0), 'profile', Math.round(performance.now() - t1), r.table.rowCount, p.columns.length);
