import type { NodePrediction, TreeDescription } from '../../../core/models/trees/describe';

/** One colour per class (the ROC chart's order), for node fills and the legend. */
export const CLASS_COLOURS = ['#2f8f5b', '#d9822b', '#7a5ab8', '#2b7bb9', '#b94a2b', '#6b8e23', '#8e236b', '#23708e'];

/** The colour of class `k`. */
export function classColour(k: number): string {
  return CLASS_COLOURS[k % CLASS_COLOURS.length];
}

/**
 * A node's fill: its class's colour, stronger the purer the node; for values, a blue that darkens
 * with the value; for boosting scores, orange above zero and blue below, stronger further out.
 */
export function nodeFill(prediction: NodePrediction, tree: TreeDescription, range: { min: number; max: number }): { fill: string; opacity: number } {
  if (prediction.kind === 'class') {
    const k = Math.max(2, tree.classes.length);
    const purity = (prediction.share - 1 / k) / (1 - 1 / k);
    return { fill: classColour(prediction.classIndex), opacity: 0.1 + 0.45 * Math.max(0, purity) };
  }
  if (prediction.kind === 'value') {
    const t = range.max > range.min ? (prediction.value - range.min) / (range.max - range.min) : 0.5;
    return { fill: '#2b7bb9', opacity: 0.08 + 0.5 * t };
  }
  const reach = Math.max(Math.abs(range.min), Math.abs(range.max)) || 1;
  return { fill: prediction.value >= 0 ? '#d9822b' : '#2b7bb9', opacity: 0.08 + 0.5 * (Math.abs(prediction.value) / reach) };
}

/** The smallest and largest value or score among the nodes (for the colour scale). */
export function valueRange(tree: TreeDescription): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const n of tree.nodes) {
    if (n.prediction.kind === 'class') continue;
    min = Math.min(min, n.prediction.value);
    max = Math.max(max, n.prediction.value);
  }
  return { min, max };
}
