import { describe, expect, it } from 'vitest';
import { resolveParams, type RawParams } from '../../params';
import { classTarget } from '../../problem';
import { getColumn } from '../../table/DataTable';
import type { CategoricalColumn, NumericColumn } from '../../table/column';
import { sample } from '../../testing/tables';
import { createRng } from '../../util/rng';
import type { TrainingSet } from '../model';
import { naiveBayesModel } from './naiveBayes.model';

async function proba(train: TrainingSet, classes: readonly string[], params: RawParams, rows: number[]): Promise<number[][]> {
  const fitted = await naiveBayesModel.fit(train, { task: 'multiclass', classes }, resolveParams(naiveBayesModel.schema, params), { rng: createRng(0) });
  const predictor = await naiveBayesModel.load(JSON.parse(JSON.stringify(fitted)));
  const p = predictor.outputs(train.X, train.n);
  const k = classes.length;
  return rows.map((r) => Array.from(p.subarray(r * k, (r + 1) * k)));
}

function expectRows(got: number[][], want: number[][]): void {
  got.forEach((row, i) => row.forEach((v, c) => expect(v, `row ${i} class ${c}`).toBeCloseTo(want[i][c], 5)));
}

describe('naive Bayes', () => {
  it('matches scikit-learn’s GaussianNB on iris', async () => {
    // Reference: scikit-learn 1.2.1, GaussianNB() and GaussianNB(var_smoothing=0.5) fitted on all of
    // iris (float32 values), predict_proba on the listed training rows.
    const iris = await sample('iris.csv');
    const cols = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'].map((c) => (getColumn(iris, c) as NumericColumn).values);
    const species = classTarget(getColumn(iris, 'species'));
    const train = { X: Float32Array.from({ length: 600 }, (_, p) => cols[p % 4][Math.floor(p / 4)]), n: 150, d: 4, y: Float32Array.from(species.y) };
    const rows = [0, 25, 50, 70, 77, 83, 100, 106, 119, 133, 134, 149];
    expectRows(await proba(train, species.classes, {}, rows), [
      [1, 1.3578419e-18, 7.1128307e-26], [1, 3.4984196e-16, 6.6228556e-24], [3.213957e-109, 0.80403777, 0.19596223],
      [2.5915698e-130, 0.15449399, 0.84550601], [1.1699103e-138, 0.075269089, 0.92473091], [2.1407814e-135, 0.61215977, 0.38784023],
      [3.2326157e-254, 6.3538027e-11, 1], [2.234676e-109, 0.97351434, 0.026485664], [6.3110454e-126, 0.95813534, 0.041864659],
      [2.6839303e-131, 0.71264508, 0.28735492], [6.8075931e-154, 0.48619943, 0.51380057], [3.2600451e-146, 0.05600505, 0.94399495],
    ]);
    expectRows(await proba(train, species.classes, { varSmoothing: 0.5 }, rows.slice(0, 6)), [
      [0.95787499, 0.040694926, 0.0014300882], [0.93451127, 0.063192168, 0.0022965668], [0.0059300389, 0.50258026, 0.4914897],
      [0.007593719, 0.53768317, 0.45472311], [0.0027804432, 0.45225056, 0.544969], [0.0037648428, 0.51509865, 0.48113651],
    ]);
  });

  it('treats 0/1 columns as Bernoulli under distribution “auto” (penguins, one-hot island and sex)', async () => {
    // Reference: scikit-learn 1.2.1 on penguins.dropna() (333 rows): GaussianNB on the four
    // measurements (float32) plus BernoulliNB(alpha=1) on one-hot island (Biscoe, Dream, Torgersen)
    // and sex == male, combined as softmax(g.predict_joint_log_proba + b.predict_joint_log_proba −
    // log prior). The "gaussian" column is GaussianNB on all eight columns.
    const penguins = await sample('penguins.csv');
    const measures = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'].map((c) => (getColumn(penguins, c) as NumericColumn).values);
    const island = getColumn(penguins, 'island') as CategoricalColumn;
    const sex = getColumn(penguins, 'sex') as CategoricalColumn;
    const species = classTarget(getColumn(penguins, 'species'));
    const kept = Array.from({ length: penguins.rowCount }, (_, i) => i).filter((i) => sex.codes[i] >= 0 && measures.every((v) => !Number.isNaN(v[i])));
    expect(kept.length).toBe(333);
    const islandIs = (i: number, name: string) => (island.categories[island.codes[i]] === name ? 1 : 0);
    const X = Float32Array.from(
      kept.flatMap((i) => [...measures.map((v) => v[i]), islandIs(i, 'Biscoe'), islandIs(i, 'Dream'), islandIs(i, 'Torgersen'), sex.categories[sex.codes[i]] === 'male' ? 1 : 0]),
    );
    const train = { X, n: 333, d: 8, y: Float32Array.from(kept, (i) => species.y[i]) };
    const rows = [28, 60, 120, 280, 300, 320];
    expectRows(await proba(train, species.classes, { distribution: 'auto' }, rows), [
      [0.93326544, 0.066734555, 4.0719993e-15], [0.99999947, 3.4538865e-7, 1.8569386e-7], [0.99999635, 3.6546659e-6, 1.6782712e-13],
      [1.0321406e-5, 0.99998968, 2.6639405e-11], [0.0011828215, 0.99881708, 1.0166799e-7], [1.3712447e-6, 0.99999863, 2.1074498e-12],
    ]);
    const gaussianOnly = { ...train, X: Float32Array.from(kept.flatMap((i) => measures.map((v) => v[i]))), d: 4 };
    expectRows(await proba(gaussianOnly, species.classes, {}, rows), [
      [0.98689004, 0.013109958, 1.1036972e-11], [0.99978076, 0.00021921653, 2.4924903e-8], [0.99745745, 0.0025425518, 3.5556375e-10],
      [5.5556147e-5, 0.99994408, 3.6753307e-7], [0.0063248506, 0.99221084, 0.001464312], [7.3811731e-6, 0.99999259, 2.9076781e-8],
    ]);
  });

  it('reads one-hot groups as categorical features, as scikit-learn’s CategoricalNB (penguins: island and sex)', async () => {
    // Reference: scikit-learn 1.2.1 on penguins.dropna() (333 rows), CategoricalNB(alpha=1) and
    // CategoricalNB(alpha=0.5) on island (Biscoe, Dream, Torgersen) and sex (female, male) as codes;
    // predict_proba on the listed rows. Here the columns arrive one-hot, with their sources.
    const penguins = await sample('penguins.csv');
    const island = getColumn(penguins, 'island') as CategoricalColumn;
    const sex = getColumn(penguins, 'sex') as CategoricalColumn;
    const species = classTarget(getColumn(penguins, 'species'));
    const measured = ['bill_length_mm', 'body_mass_g'].map((c) => (getColumn(penguins, c) as NumericColumn).values);
    const kept = Array.from({ length: penguins.rowCount }, (_, i) => i).filter((i) => sex.codes[i] >= 0 && measured.every((v) => !Number.isNaN(v[i])));
    const is = (column: CategoricalColumn, i: number, name: string) => (column.categories[column.codes[i]] === name ? 1 : 0);
    const X = Float32Array.from(kept.flatMap((i) => [is(island, i, 'Biscoe'), is(island, i, 'Dream'), is(island, i, 'Torgersen'), is(sex, i, 'female'), is(sex, i, 'male')]));
    const train = { X, n: kept.length, d: 5, y: Float32Array.from(kept, (i) => species.y[i]), sources: ['island', 'island', 'island', 'sex', 'sex'] };
    const rows = [0, 1, 50, 150, 300];
    expectRows(await proba(train, species.classes, { distribution: 'auto' }, rows), [
      [0.96004686, 0.019549478, 0.020403659], [0.96099563, 0.019568798, 0.019435573], [0.27697413, 0.0060160393, 0.71700983],
      [0.26723137, 0.005804421, 0.72696421], [0.45011308, 0.54208411, 0.0078028057],
    ]);
    expectRows(await proba(train, species.classes, { distribution: 'auto', alpha: 0.5 }, rows), [
      [0.97926928, 0.01018924, 0.010541477], [0.9797731, 0.010194482, 0.010032418], [0.27598865, 0.00306524, 0.72094611],
      [0.2661487, 0.0029559537, 0.73089534], [0.44867868, 0.54738929, 0.0039320239],
    ]);
    // Without sources the same indicators are five yes/no features, which is a different model.
    const bernoulli = await proba({ ...train, sources: undefined }, species.classes, { distribution: 'auto' }, [0]);
    expect(Math.abs(bernoulli[0][0] - 0.96004686)).toBeGreaterThan(0.001);
  });

  it('stays finite on constant features and gives classes without rows probability 0', async () => {
    // Two constant columns, one row per seen class, and a third class never seen: the priors decide.
    const train = { X: Float32Array.of(3, 1, 3, 1, 3, 1), n: 3, d: 2, y: Float32Array.of(0, 0, 1) };
    const [row] = await proba(train, ['a', 'b', 'c'], {}, [0]);
    expect(row[0]).toBeCloseTo(2 / 3, 6);
    expect(row[1]).toBeCloseTo(1 / 3, 6);
    expect(row[2]).toBe(0);
  });

  it('computes Laplace-smoothed Bernoulli likelihoods by hand', async () => {
    // Class 0 rows: x = 1, 1, 0; class 1 rows: x = 0. With alpha = 1: P(1|0) = 3/5, P(1|1) = 1/3, priors 3/4 and 1/4.
    const train = { X: Float32Array.of(1, 1, 0, 0), n: 4, d: 1, y: Float32Array.of(0, 0, 0, 1) };
    const [one, , , zero] = await proba(train, ['a', 'b'], { distribution: 'auto' }, [0, 1, 2, 3]);
    const yes = [0.75 * 0.6, 0.25 / 3];
    const no = [0.75 * 0.4, 0.25 * (2 / 3)];
    expect(one[0]).toBeCloseTo(yes[0] / (yes[0] + yes[1]), 6);
    expect(zero[0]).toBeCloseTo(no[0] / (no[0] + no[1]), 6);
  });
});
