import { describe, expect, it } from 'vitest';
import { defaultRecipe, fitPipeline, type FittedPipeline, toMatrix, transformPipeline } from '../../prep/recipe';
import { profileTable } from '../../profile/profile';
import { classTarget } from '../../problem';
import { type DataTable, dropColumns, getColumn } from '../../table/DataTable';
import { formatCell } from '../../table/column';
import { sample } from '../../testing/tables';
import { createRng } from '../../util/rng';
import type { FittedModel } from '../model';
import { type TreeDescription, describeFittedTree, formatNumber } from './describe';
import { gbdtModel } from './gbdt.model';
import { treeModel } from './tree.model';
import type { Tree } from './tree';

/** A pipeline that standardised `bill_length_mm` (mean 44, std 5) and one-hot encoded `island`. */
const pipeline: FittedPipeline = {
  inputs: [
    { name: 'bill_length_mm', kind: 'numeric' },
    { name: 'island', kind: 'categorical' },
  ],
  steps: [
    { step: 'impute', params: {}, state: { fills: { bill_length_mm: 43.9, island: 'Biscoe' } } },
    { step: 'scale', params: {}, state: { columns: { bill_length_mm: { offset: 44, scale: 5 } } } },
    { step: 'one-hot', params: {}, state: {} },
  ],
  features: [
    { name: 'bill_length_mm', source: 'bill_length_mm', sources: ['bill_length_mm'] },
    { name: 'island=Biscoe', source: 'island', sources: ['island'] },
    { name: 'island=Dream', source: 'island', sources: ['island'] },
  ],
};

/** Root: bill ≤ 43.25 (−0.15 standardised); its right child: island=Dream ≤ 0.5. */
const tree: Tree = {
  feature: [0, -1, 2, -1, -1],
  threshold: [-0.15, 0, 0.5, 0, 0],
  missingLeft: [0, 0, 0, 0, 0],
  left: [1, -1, 3, -1, -1],
  right: [2, -1, 4, -1, -1],
  outputs: 2,
  values: [0.5, 0.5, 0.9, 0.1, 0.2, 0.8, 0.25, 0.75, 0, 1],
  samples: [100, 50, 50, 20, 30],
};

function fitted(trees: Tree[], extra: object = {}): FittedModel {
  return { model: 'tree', params: {}, task: 'binary', classes: ['Adelie', 'Gentoo'], nFeatures: 3, state: { trees, ...extra }, history: [], stopReason: '' };
}

describe('describeFittedTree', () => {
  it('states thresholds in the column’s units and one-hot splits as categories', () => {
    const d = describeFittedTree(fitted([tree]), pipeline);
    expect(d.title).toBe('The decision tree');
    expect(d.nodes).toHaveLength(5);
    expect(d.nodes[0].rule).toMatchObject({ column: 'bill_length_mm', question: 'bill_length_mm ≤ 43.25', yesGoesLeft: true, right: 'bill_length_mm > 43.25' });
    expect(d.nodes[0].children).toEqual([1, 2]);
    expect(d.nodes[2].rule).toMatchObject({ column: 'island', feature: 'island=Dream', question: 'island = Dream', yesGoesLeft: false, left: 'island ≠ Dream', right: 'island = Dream' });
    expect(d.nodes[1].rule).toBeNull();
  });

  it('says where a missing value goes once the pipeline has filled it', () => {
    const d = describeFittedTree(fitted([tree]), pipeline);
    // 43.9 is filled in, and 43.9 > 43.25.
    expect(d.nodes[0].rule).toMatchObject({ missing: 'right', missingFill: '43.9' });
    // The fill Biscoe is not Dream: the ≠ side, on the left.
    expect(d.nodes[2].rule).toMatchObject({ missing: 'left', missingFill: 'Biscoe' });
    const unfilled = { ...pipeline, steps: pipeline.steps.filter((s) => s.step !== 'impute') };
    const missingLeft = { ...tree, missingLeft: [1, 0, 0, 0, 0] };
    expect(describeFittedTree(fitted([missingLeft]), unfilled).nodes[0].rule).toMatchObject({ missing: 'left', missingFill: null });
  });

  it('gives each node its class, share and counts', () => {
    const d = describeFittedTree(fitted([tree]), pipeline);
    expect(d.output).toBe('class');
    expect(d.nodes[1].prediction).toEqual({ kind: 'class', label: 'Adelie', classIndex: 0, share: 0.9, counts: [45, 5] });
    expect(d.nodes[4].prediction).toMatchObject({ label: 'Gentoo', share: 1, counts: [0, 30] });
    expect(d.nodes[3].samples).toBe(20);
    expect(d).toMatchObject({ totalNodes: 5, depth: 2, leaves: 3, shownDepth: 2 });
  });

  it('cuts a large tree to whole levels and counts what it hides', () => {
    const d = describeFittedTree(fitted([tree]), pipeline, 0, { maxDepth: 1, maxNodes: 255 });
    expect(d.nodes).toHaveLength(3);
    expect(d.shownDepth).toBe(1);
    expect(d.nodes[2]).toMatchObject({ children: null, hidden: 2 });
    expect(d.nodes[2].rule?.question).toBe('island = Dream');
    expect(describeFittedTree(fitted([tree]), pipeline, 0, { maxDepth: 10, maxNodes: 4 }).nodes).toHaveLength(3);
  });

  it('names the trees of an ensemble, and boosting scores with what they mean', () => {
    expect(describeFittedTree(fitted([tree, tree, tree]), pipeline, 1).title).toBe('Tree 2 of 3');
    const boost: Tree = { ...tree, outputs: 1, values: [0, 0.2, 0, -0.1, 0.3], samples: [100, 50, 50, 20, 30] };
    const multi = { ...fitted([boost, boost, boost, boost, boost, boost], { baseline: [0, 0, 0], link: 'softmax' }), task: 'multiclass' as const, classes: ['A', 'B', 'C'] };
    const d = describeFittedTree(multi, pipeline, 4);
    expect(d.title).toBe('Round 2 of 2, class B');
    expect(d.output).toBe('score');
    expect(d.scoreMeaning).toContain('“B”');
    expect(d.nodes[4].prediction).toEqual({ kind: 'score', value: 0.3 });
    // Inner nodes get the row-weighted mean of their leaves: (20 × −0.1 + 30 × 0.3) / 50.
    expect((d.nodes[2].prediction as { value: number }).value).toBeCloseTo(0.14, 10);
  });

  it('refuses models without trees and trees that do not exist, saying why', () => {
    expect(() => describeFittedTree({ ...fitted([]), model: 'logistic', state: { network: {} } }, pipeline)).toThrow(/no trees/);
    expect(() => describeFittedTree(fitted([tree]), pipeline, 3)).toThrow(/there is no tree 4/);
  });

  it('reads thresholds without float noise', () => {
    expect(formatNumber(43.250000762939)).toBe('43.25');
    expect(formatNumber(4512.5)).toBe('4512.5');
    expect(formatNumber(123456.5)).toBe('123456.5');
    expect(formatNumber(0.000123456)).toBe('0.00012346');
    expect(formatNumber(-2)).toBe('-2');
  });
});

describe('a described penguin tree', async () => {
  const penguins = await sample('penguins.csv');
  const features = dropColumns(penguins, ['species']);
  const fittedPipeline = fitPipeline(features, defaultRecipe(profileTable(penguins), 'species').steps);
  const X = toMatrix(transformPipeline(fittedPipeline, features), fittedPipeline.features);
  const { classes, y } = classTarget(getColumn(penguins, 'species'));
  const n = penguins.rowCount;
  const d = fittedPipeline.features.length;

  it('routes every row to the same leaf by its rules in the data’s units as the model does by its inputs', async () => {
    const model = await treeModel.fit({ X, n, d, y: Float32Array.from(y) }, { task: 'multiclass', classes }, { criterion: 'gini', maxDepth: 0, minSamplesSplit: 2, minSamplesLeaf: 1, maxFeatures: 'all' }, { rng: createRng(1) });
    const description = describeFittedTree(model, fittedPipeline);
    expect(description.nodes).toHaveLength(description.totalNodes);
    const columns = new Set(penguins.columns.map((c) => c.name));
    for (const node of description.nodes) if (node.rule) expect(columns.has(node.rule.column)).toBe(true);
    const tree = (model.state as { trees: Tree[] }).trees[0];
    for (let i = 0; i < n; i++) expect(pathByRules(description, penguins, i), `row ${i + 1}`).toBe(pathByModel(tree, X, i, d));
  });

  it('describes the first tree of gradient boosting with scores', async () => {
    const params = { rounds: 3, learningRate: 0.1, leaves: 8, maxDepth: 0, minSamplesLeaf: 5, l2: 0, rowSubsample: 1, colSubsample: 1, bins: 255, earlyStopping: false, validationFraction: 0.1, patience: 10 };
    const model = await gbdtModel.fit({ X, n, d, y: Float32Array.from(y) }, { task: 'multiclass', classes }, params, { rng: createRng(1) });
    const description = describeFittedTree(model, fittedPipeline);
    expect(description).toMatchObject({ title: 'Round 1 of 3, class Adelie', output: 'score', count: 9, leaves: 8 });
  });
});

/** The turns (L/R) a raw row takes when the rules' conditions are read on its cells. */
function pathByRules(description: TreeDescription, table: DataTable, row: number): string {
  let path = '';
  let node = description.nodes[0];
  while (node.rule && node.children) {
    const { rule } = node;
    const cell = formatCell(getColumn(table, rule.column), row);
    let left: boolean;
    if (cell === '') left = rule.missing === 'left';
    else if (rule.yesGoesLeft) left = Number(cell) <= Number(rule.question.split(' ≤ ')[1]);
    else left = cell !== rule.question.split(' = ')[1];
    path += left ? 'L' : 'R';
    node = description.nodes[node.children[left ? 0 : 1]];
  }
  return path;
}

/** The turns (L/R) the model's own inputs take through the tree. */
function pathByModel(tree: Tree, X: Float32Array, row: number, d: number): string {
  let path = '';
  let node = 0;
  while (tree.feature[node] >= 0) {
    const left = X[row * d + tree.feature[node]] <= tree.threshold[node];
    path += left ? 'L' : 'R';
    node = left ? tree.left[node] : tree.right[node];
  }
  return path;
}
