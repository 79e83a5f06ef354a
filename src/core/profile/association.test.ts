import { describe, expect, it } from 'vitest';
import { getColumn } from '../table/DataTable';
import type { CodedColumn, NumericColumn } from '../table/column';
import { csv, sample } from '../testing/tables';
import { associationMatrix, correlationRatio, cramersV, pearson, targetRelations } from './association';
import { countDuplicateRows } from './duplicates';
import { profileTable } from './profile';
import { leakageWarnings } from './warnings';

const penguins = await sample('penguins.csv');
const num = (name: string) => (getColumn(penguins, name) as NumericColumn).values;
const cat = (name: string) => getColumn(penguins, name) as CodedColumn;

// Reference values: pandas .corr(), η by hand in pandas, scipy.stats.contingency.association(method='cramer').
describe('associations', () => {
  it('match pandas and scipy on penguins', () => {
    expect(pearson(num('bill_length_mm'), num('flipper_length_mm'))).toBeCloseTo(0.6561813407464278, 10);
    const species = cat('species');
    expect(correlationRatio(species.codes, species.categories.length, num('body_mass_g'))).toBeCloseTo(0.8183348664745757, 10);
    const island = cat('island');
    expect(cramersV(species.codes, 3, island.codes, 3)).toBeCloseTo(0.6598431008795325, 10);
  });

  it('fill a symmetric matrix with the measure each pair of kinds calls for', () => {
    const m = associationMatrix(penguins);
    const i = m.columns.indexOf('species');
    const j = m.columns.indexOf('body_mass_g');
    expect(m.values[i][j]).toBe(m.values[j][i]);
    expect(m.measures[i][j]).toBe('eta');
    expect(m.values[i][i]).toBe(1);
    expect(m.rows).toBe(344);
  });

  it('rank features by their relation to the target, with chart material', () => {
    const relations = targetRelations(penguins, 'species', 'multiclass');
    expect(relations[0].strength).toBeGreaterThanOrEqual(relations[1].strength);
    const island = relations.find((r) => r.feature === 'island')!;
    expect(island.measure).toBe('cramers_v');
    expect(island.chart.kind === 'stacked' && island.chart.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    const mass = targetRelations(penguins, 'body_mass_g', 'regression').find((r) => r.feature === 'flipper_length_mm')!;
    expect(mass.chart.kind).toBe('scatter');
  });
});

describe('data warnings with fixes', () => {
  it('counts exact duplicate rows, missing values alike', async () => {
    const t = await csv('a,b,c\n1,x,NA\n1,x,NA\n2,x,3\n1,y,NA\n2,x,3\n1,x,NA\n');
    expect(countDuplicateRows(t)).toBe(3);
    const w = profileTable(t).warnings.find((x) => x.code === 'duplicate-rows');
    expect(w).toMatchObject({ fix: { kind: 'drop-duplicates' } });
    expect(countDuplicateRows(penguins)).toBe(0);
  });

  it('flags high-cardinality categories and offers to leave them out', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `c${i % 400},${i % 7}`);
    const w = profileTable(await csv(`code,v\n${rows.join('\n')}\n`)).warnings;
    expect(w.find((x) => x.code === 'high-cardinality')).toMatchObject({ column: 'code', fix: { kind: 'drop-column', column: 'code' } });
  });

  it('suspects leakage only when one feature gives the target away', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i % 2 ? 'yes' : 'no'},${i % 2 ? 'Y' : 'N'},${(i * 37) % 11}`);
    const t = await csv(`label,copy,noise\n${rows.join('\n')}\n`);
    const w = leakageWarnings(targetRelations(t, 'label', 'binary'), 'label');
    expect(w.map((x) => x.column)).toEqual(['copy']);
    expect(w[0].message).toMatch(/column "copy" predicts "label" almost perfectly on its own \(Cramér's V = 1\.000\)/);
    expect(leakageWarnings(targetRelations(penguins, 'species', 'multiclass'), 'species')).toEqual([]);
  });
});
