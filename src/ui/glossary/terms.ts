/**
 * The metrics glossary: what each score the studio shows means, in plain words, for people who
 * have never met it. Plain data (no React), keyed like the reports' metrics (`METRIC_LABELS`).
 */

/** One glossary entry. */
export interface Term {
  /** The name as the studio shows it. */
  readonly name: string;
  /** What it measures, in a sentence or two of plain words. */
  readonly plain: string;
  /** Which way is better, and what a value means. */
  readonly reading: string;
}

/** Every metric the studio shows, by its key in reports. */
export const GLOSSARY: Readonly<Record<string, Term>> = {
  accuracy: {
    name: 'Accuracy',
    plain: 'The share of rows whose class the model predicted right: 0.95 means 95 rows in 100.',
    reading: 'Higher is better (1 is every row right). When one class is much more common, always guessing it already scores high: compare with that.',
  },
  balanced_accuracy: {
    name: 'Balanced accuracy',
    plain: 'Accuracy worked out for each class on its own, then averaged, so a rare class counts as much as a common one.',
    reading: 'Higher is better. Always guessing one class scores 1 divided by the number of classes.',
  },
  precision_macro: {
    name: 'Precision (macro)',
    plain: 'Of the rows the model put in a class, the share that really belong there. Worked out for each class, then averaged ("macro"), so every class counts the same.',
    reading: 'Higher is better. High precision means few false alarms.',
  },
  recall_macro: {
    name: 'Recall (macro)',
    plain: 'Of the rows that really belong to a class, the share the model found. Worked out for each class, then averaged.',
    reading: 'Higher is better. High recall means few rows missed.',
  },
  f1_macro: {
    name: 'F1 (macro)',
    plain: 'Precision and recall combined in one number (their harmonic mean), for each class, then averaged. It is high only when both are.',
    reading: 'Higher is better, from 0 to 1.',
  },
  roc_auc: {
    name: 'ROC AUC',
    plain: 'How well the model ranks rows: the chance that a row of a class gets a higher score for it than a row of another class. With several classes, each class against the rest, averaged.',
    reading: 'Higher is better: 0.5 is guessing, 1 is a perfect ranking.',
  },
  log_loss: {
    name: 'Log loss',
    plain: 'How good the predicted probabilities are, not just the answers: a confident wrong answer costs much more than a hesitant one.',
    reading: 'Lower is better: 0 is certain and always right. Near 0 on training rows but not on test rows is a sign of overconfidence.',
  },
  mae: {
    name: 'MAE',
    plain: 'Mean absolute error: on average, how far the predictions are from the true values, in the target’s own units.',
    reading: 'Lower is better; 0 is exact.',
  },
  rmse: {
    name: 'RMSE',
    plain: 'Root mean squared error: like MAE, in the target’s units, but large misses count more than small ones.',
    reading: 'Lower is better; it is at least the MAE, and much larger when a few predictions are far off.',
  },
  r2: {
    name: 'R²',
    plain: 'The share of the target’s spread that the predictions explain, compared with always predicting the average.',
    reading: 'Higher is better: 1 is perfect, 0 is no better than predicting the average, below 0 is worse than that.',
  },
  silhouette: {
    name: 'Silhouette',
    plain: 'How much closer each row is to its own cluster than to the nearest other cluster, averaged over the rows.',
    reading: 'From −1 to 1, higher is better: near 1 means tight, well-separated groups; near 0 means they overlap.',
  },
  inertia: {
    name: 'Inertia',
    plain: 'The sum of the squared distances from each row to the centre of its cluster.',
    reading: 'Lower is better for the same number of clusters, but it always falls as clusters are added: look for the bend (the “elbow”) rather than the lowest value.',
  },
  explained_variance: {
    name: 'Explained variance',
    plain: 'The share of the spread in the data that the kept components still carry.',
    reading: 'Higher is better: more of the data is kept. The first few components usually carry most of it.',
  },
};

/** The glossary entry for a metric key, or undefined for a key it does not know. */
export function termFor(key: string): Term | undefined {
  return Object.hasOwn(GLOSSARY, key) ? GLOSSARY[key] : undefined;
}
