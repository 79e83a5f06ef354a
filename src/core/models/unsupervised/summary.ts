/**
 * What an unsupervised model found on its training rows: the figures of `sapling train`'s report and
 * the material of the studio's charts. Keys are snake_case because the report is a file format.
 */
export type UnsupervisedSummary = KMeansSummary | DbscanSummary | PcaSummary;

/** k-means: the chosen k's fit, and the elbow sweep over k. */
export interface KMeansSummary {
  readonly kind: 'kmeans';
  readonly k: number;
  readonly inertia: number;
  /** Mean silhouette on (a sample of) the training rows; null with a single cluster. */
  readonly silhouette: number | null;
  readonly cluster_sizes: readonly number[];
  readonly iterations: number;
  /** Inertia and silhouette for each k of the sweep (on a sample of rows, fewer starts). */
  readonly elbow: readonly { readonly k: number; readonly inertia: number; readonly silhouette: number | null }[];
  /** Rows the elbow sweep ran on. */
  readonly elbow_rows: number;
}

/** DBSCAN: clusters found, noise, and the k-distance curve of the eps helper. */
export interface DbscanSummary {
  readonly kind: 'dbscan';
  readonly eps: number;
  /** Whether eps was chosen from the k-distance curve (the parameter was left at automatic). */
  readonly eps_automatic: boolean;
  readonly min_samples: number;
  readonly clusters: number;
  readonly noise: number;
  readonly cluster_sizes: readonly number[];
  readonly silhouette: number | null;
  readonly k_distance: readonly number[];
  readonly suggested_eps: number;
}

/** PCA: the variance each component explains (all of them, for the scree chart) and the kept axes. */
export interface PcaSummary {
  readonly kind: 'pca';
  readonly components: number;
  readonly explained_variance_ratio: readonly number[];
  readonly cumulative_variance_ratio: readonly number[];
  /** Loadings of the kept components, row-major (components × features). */
  readonly loadings: readonly number[];
}
