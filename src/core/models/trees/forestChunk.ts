import { createRng } from '../../util/rng';
import type { ModelTarget } from '../model';
import type { BinnedFeatures } from './binning';
import { growCart } from './cart';
import { cartCriterion, cartTarget } from './learners';
import { type Tree, leafOf } from './tree';

/** How every tree of a forest grows (the forest's parameters, resolved). */
export interface ForestTreeOptions {
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  readonly maxFeatures: number;
  readonly criterion: string;
  readonly bootstrap: boolean;
}

/**
 * A run of consecutive trees of a forest, self-contained so a worker can grow it: the binned
 * features and raw rows (in shared memory where there is some), the target, and one seed per tree.
 */
export interface ForestChunk {
  readonly data: BinnedFeatures;
  readonly X: Float32Array;
  readonly y: Float32Array;
  readonly target: ModelTarget;
  readonly options: ForestTreeOptions;
  readonly seeds: readonly number[];
}

/** The chunk's trees in seed order, their split gains, and their out-of-bag prediction sums. */
export interface ForestChunkResult {
  readonly trees: Tree[];
  readonly gains: Float64Array;
  /** Σ leaf outputs (n × outputs) and tree count per row, over the trees that left the row out. */
  readonly oobSum: Float64Array;
  readonly oobCount: Int32Array;
}

/**
 * Grows the chunk's trees. Each tree draws its bootstrap sample and feature subsets from its own
 * seed, so a forest is the same whichever worker grows which chunk.
 */
export function growForestChunk(chunk: ForestChunk): ForestChunkResult {
  const { data, X, y, target, options } = chunk;
  const { n, d } = data;
  const cart = cartTarget({ X, n, d, y }, target);
  const criterion = cartCriterion(target, options.criterion);
  const k = cart.kind === 'class' ? cart.classes : 1;
  const trees: Tree[] = [];
  const gains = new Float64Array(d);
  const oobSum = new Float64Array(options.bootstrap ? n * k : 0);
  const oobCount = new Int32Array(options.bootstrap ? n : 0);
  const weights = new Float64Array(n);
  for (const seed of chunk.seeds) {
    const rng = createRng(seed);
    weights.fill(options.bootstrap ? 0 : 1);
    if (options.bootstrap) for (let i = 0; i < n; i++) weights[rng.int(n)]++;
    const grown = growCart(data, cart, weights, { ...options, criterion }, rng);
    trees.push(grown.tree);
    for (let f = 0; f < d; f++) gains[f] += grown.gains[f];
    if (!options.bootstrap) continue;
    for (let i = 0; i < n; i++) {
      if (weights[i] > 0) continue;
      const leaf = leafOf(grown.tree, X, i, d);
      for (let c = 0; c < k; c++) oobSum[i * k + c] += grown.tree.values[leaf * k + c];
      oobCount[i]++;
    }
  }
  return { trees, gains, oobSum, oobCount };
}
