import { describe, expect, it } from 'vitest';
import type { TreeNodeView } from '../../../core/models/trees/describe';
import { NODE, layoutTree, levelsThatFit, pruneToDepth } from './layout';

const leafAt = (depth: number): TreeNodeView => ({ depth, rule: null, children: null, hidden: 0, samples: 1, prediction: { kind: 'value', value: 0 } });
const split = (depth: number, children: [number, number] | null, hidden = 0): TreeNodeView => ({
  ...leafAt(depth),
  rule: { column: 'x', feature: 'x', question: 'x ≤ 1', yesGoesLeft: true, left: 'x ≤ 1', right: 'x > 1', missing: 'right', missingFill: null },
  children,
  hidden,
});

/** Breadth-first: 0 → (1, 2); 1 → (3, 4); 2 is a leaf; 3 → (5, 6); 4 was cut with 6 nodes below. */
const nodes = [split(0, [1, 2]), split(1, [3, 4]), leafAt(1), split(2, [5, 6]), split(2, null, 6), leafAt(3), leafAt(3)];
const widths = { leaf: 120, inner: 200 };

describe('layoutTree', () => {
  it('centres parents over their children and keeps boxes of a level apart', () => {
    const { placed, width, height } = layoutTree(nodes, widths);
    const centre = (i: number) => placed[i].x + placed[i].width / 2;
    for (const [i, n] of nodes.entries()) if (n.children) expect(centre(i)).toBeCloseTo((centre(n.children[0]) + centre(n.children[1])) / 2, 9);
    for (let d = 0; d <= 3; d++) {
      const row = placed.filter((_, i) => nodes[i].depth === d).sort((a, b) => a.x - b.x);
      for (let i = 1; i < row.length; i++) expect(row[i].x).toBeGreaterThanOrEqual(row[i - 1].x + row[i - 1].width + NODE.gapX - 1e-9);
    }
    for (const p of placed) expect(p.x).toBeGreaterThanOrEqual(0);
    // Slots: leaves 5, 6, cut node 4, leaf 2.
    expect(width).toBe(120 + 120 + 200 + 120 + 3 * NODE.gapX);
    expect(height).toBe(4 * NODE.height + 3 * NODE.gapY);
  });
});

describe('pruneToDepth', () => {
  it('keeps the levels down to a depth and counts what the cut nodes hide', () => {
    const pruned = pruneToDepth(nodes, 1);
    expect(pruned).toHaveLength(3);
    // Node 1 hides 3, 4, 5, 6 and the 6 nodes below 4.
    expect(pruned[1]).toMatchObject({ children: null, hidden: 10 });
    expect(pruneToDepth(nodes, 3)).toBe(nodes);
  });

  it('chooses as many levels as fit the room', () => {
    expect(levelsThatFit(nodes, widths, 3, 10_000)).toBe(3);
    expect(levelsThatFit(nodes, widths, 3, 400)).toBe(1);
  });
});
