import { checkDbscanState, checkKMeansState, checkPcaState } from './state';
import type { ModelInfo } from '../modelInfo';

/** Catalog entries of the models that learn without a target (clustering and projection). */

export const kmeansInfo = {
  id: 'kmeans',
  label: 'k-means clustering',
  help: 'Splits the rows into k groups, each around a centre, so that rows are close to their own centre. Fast and simple; it finds round, similar-sized groups and needs scaled features. Use the elbow chart and the silhouette score to choose k.',
  checkState: checkKMeansState,
  tasks: ['clustering'],
  schema: {
    k: { type: 'number', label: 'Clusters (k)', default: 3, min: 1, max: 100, integer: true, help: 'How many groups to find. Where the elbow chart bends, more clusters stop paying for themselves.' },
    nInit: { type: 'number', label: 'Restarts', default: 10, min: 1, max: 100, integer: true, help: 'k-means can get stuck in a poor solution; it is run this many times from different k-means++ starts and the tightest result is kept.' },
    maxIter: { type: 'number', label: 'Maximum iterations', default: 300, min: 1, max: 10000, integer: true, help: 'Upper bound on assign-and-recentre rounds per run; runs usually converge far sooner.' },
    tol: { type: 'number', label: 'Tolerance', default: 1e-4, min: 1e-10, max: 1, log: true, help: 'A run stops when the centres move less than this (relative to the spread of the data).' },
    elbowMaxK: { type: 'number', label: 'Elbow chart up to k', default: 10, min: 2, max: 50, integer: true, help: 'The report also fits k = 1 … this value (on a sample of up to 10,000 rows) to draw the elbow and silhouette charts. Set it to 2 to skip most of that work.' },
  },
} as const satisfies ModelInfo;

export const dbscanInfo = {
  id: 'dbscan',
  label: 'DBSCAN clustering',
  help: 'Finds groups as dense regions of rows separated by sparse ones: any shape of cluster, no k to choose, and rows in no dense region are marked as noise (−1). Sensitive to eps; the k-distance chart suggests one.',
  checkState: checkDbscanState,
  tasks: ['clustering'],
  schema: {
    eps: { type: 'number', label: 'Neighbourhood radius (eps)', default: 0, min: 0, max: 1e6, help: 'Rows closer than this are neighbours. 0 picks it automatically at the bend of the k-distance curve (shown in the report); larger values merge clusters, smaller ones leave more noise.' },
    minSamples: { type: 'number', label: 'Minimum neighbours', default: 5, min: 1, max: 10000, integer: true, help: 'A row with at least this many rows within eps (itself included) is a core of a cluster. Larger values demand denser clusters and call more rows noise.' },
  },
} as const satisfies ModelInfo;

export const pcaInfo = {
  id: 'pca',
  label: 'Principal components (PCA)',
  help: 'Finds the few directions along which the rows vary most and describes each row by its position along them. Shows how many dimensions the data really has (scree chart) and draws it in 2-D; also usable as a preprocessing step before a model.',
  checkState: checkPcaState,
  tasks: ['projection'],
  schema: {
    components: { type: 'number', label: 'Components', default: 2, min: 0.01, max: 1000, help: 'How many components to keep: a whole number (2 for a scatter plot), or a share of variance between 0 and 1 (0.95 keeps as many as needed to explain 95%).' },
  },
} as const satisfies ModelInfo;
