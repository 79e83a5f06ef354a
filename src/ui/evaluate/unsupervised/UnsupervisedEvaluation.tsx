import { getModelInfo } from '../../../core/models/info';
import type { ReactNode } from 'react';
import type { UnsupervisedModelSummary } from '../../../workers/protocol';
import { pct } from '../../charts/ScreeChart';
import { NextStep } from '../../components/Stepper';
import { Deferred } from '../../components/Deferred';
import { fmt } from '../../format';
import { DbscanCards } from './DbscanCards';
import { KMeansCards } from './KMeansCards';
import { PcaCards } from './PcaCards';
import { RowMapCard } from './RowMapCard';

/** Evaluate for a model without a target: what it found (clusters or components) and the rows in 2-D. */
export function UnsupervisedEvaluation({ current, notice }: { current: UnsupervisedModelSummary; notice?: ReactNode }) {
  const { report } = current;
  const { summary } = report;
  return (
    <section aria-labelledby="evaluate-title">
      <h2 id="evaluate-title">Evaluate</h2>
      {notice}
      <p className="lede">
        {getModelInfo(report.model).label} {found(current)} in {report.rows.toLocaleString('en-US')} rows, from {report.features} features (no target).
        {report.dropped.duplicates ? ` ${report.dropped.duplicates} duplicate rows were left out.` : ''}{' '}
        {current.source === 'imported' ? `Imported from ${current.name}.` : `Trained in ${duration(report.timings_ms.total)}.`}
      </p>
      {summary.kind === 'kmeans' ? <KMeansCards summary={summary} stopReason={report.stop_reason} /> : null}
      {summary.kind === 'dbscan' ? <DbscanCards summary={summary} rows={report.rows} /> : null}
      {summary.kind === 'pca' ? <PcaCards summary={summary} features={report.feature_names} /> : null}
      <Deferred placeholder={<div className="card map-placeholder" />}>
        <RowMapCard current={current} />
      </Deferred>
      <NextStep to="export" />
    </section>
  );
}

/** A run's length for people: milliseconds under a second, else seconds. */
function duration(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${fmt(Number((ms / 1000).toPrecision(3)))} s`;
}

/** What the model found, as the rest of a sentence. */
function found({ report: { summary } }: UnsupervisedModelSummary): string {
  switch (summary.kind) {
    case 'kmeans':
      return `found ${summary.k} cluster${summary.k === 1 ? '' : 's'}`;
    case 'dbscan':
      return `found ${summary.clusters} cluster${summary.clusters === 1 ? '' : 's'} and ${summary.noise} noise row${summary.noise === 1 ? '' : 's'}`;
    case 'pca':
      return `keeps ${summary.components} component${summary.components === 1 ? '' : 's'} explaining ${pct(summary.cumulative_variance_ratio[summary.components - 1] ?? 0)} of the variance`;
  }
}
