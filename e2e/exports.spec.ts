import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { csvFile, samplePath } from './fixtures/files';
import { Studio } from './pages/Studio';

/**
 * New penguins as a web form might deliver them: formulas in cells and in a header, leading
 * zeros, timestamps with milliseconds and offsets, a 20-digit integer, NA, spaces, quotes and
 * commas. Each input line with the text the predictions file must start its line with: the
 * fields as they were, quoted as they were, a `'` before each formula.
 */
const LINES: readonly (readonly [string, string])[] = [
  ['island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year,zip,when,big,=cmd', "island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year,zip,when,big,'=cmd"],
  [
    'Torgersen,039.10,18.7,181,3750,male,2007,00501,2024-01-02T03:04:06.100+02:00,12345678901234567890,"=HYPERLINK(""http://x.example"",""y"")"',
    `Torgersen,039.10,18.7,181,3750,male,2007,00501,2024-01-02T03:04:06.100+02:00,12345678901234567890,"'=HYPERLINK(""http://x.example"",""y"")"`,
  ],
  [
    '=1+2,NA, 17.4 ,186,3800,female,2007,00502,2024-01-03T03:04:06.100+02:00,12345678901234567891,@SUM(A1)',
    "'=1+2,NA, 17.4 ,186,3800,female,2007,00502,2024-01-03T03:04:06.100+02:00,12345678901234567891,'@SUM(A1)",
  ],
  ['Dream,-40.3,18.0,195,3250, female ,2007,00503,NA,00000000000000000001,-2+3', "Dream,-40.3,18.0,195,3250, female ,2007,00503,NA,00000000000000000001,'-2+3"],
  ['Biscoe,+46.7,15.3,219,5200,NA,2008,00504,,-3.2,"a, ""quoted"" cell, café"', 'Biscoe,+46.7,15.3,219,5200,NA,2008,00504,,-3.2,"a, ""quoted"" cell, café"'],
];

test('downloaded predictions keep the input as it was written and escape formulas', async ({ page }) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'tree');
  await studio.train.trainAndWait();
  await studio.step('Export');
  await studio.export.predict(csvFile('web-form.csv', LINES.map(([input]) => input).join('\n') + '\n'));
  const table = await studio.export.predictionsTable();
  expect(table.rows).toHaveLength(4);

  const download = await studio.export.download('Download predictions');
  expect(download.suggestedFilename()).toBe('predictions.csv');
  const lines = readFileSync((await download.path())!, 'utf8').split('\n');
  expect(lines).toHaveLength(LINES.length + 1);
  expect(lines.at(-1)).toBe('');
  expect(lines[0]).toBe(`${LINES[0][1]},prediction,proba_Adelie,proba_Chinstrap,proba_Gentoo`);
  for (let i = 1; i < LINES.length; i++) {
    expect(lines[i].startsWith(`${LINES[i][1]},`), lines[i]).toBe(true);
    const [label, ...proba] = lines[i].slice(LINES[i][1].length + 1).split(',');
    expect(['Adelie', 'Chinstrap', 'Gentoo']).toContain(label);
    expect(proba.map(Number).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  }
});
