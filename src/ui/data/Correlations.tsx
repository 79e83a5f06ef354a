import { Heatmap } from '../charts/Heatmap';
import { fmt } from '../format';
import { useStudio } from '../useStudio';

const MEASURES = { pearson: "Pearson's r", eta: 'correlation ratio η', cramers_v: "Cramér's V" } as const;

/** How columns go together, as a heatmap; the measure depends on the kinds of the two columns. */
export function Correlations() {
  const m = useStudio((s) => s.associations);
  const rows = useStudio((s) => s.dataset.result?.profile.rows ?? 0);
  if (!m) return <p className="muted">Computing correlations…</p>;
  if (m.columns.length < 2) return <p className="muted">Fewer than two columns can be compared.</p>;
  return (
    <>
      <Heatmap
        label="Correlation matrix"
        labels={m.columns}
        values={m.values}
        describe={(i, j) => `${m.columns[i]} × ${m.columns[j]}: ${fmt(m.values[i][j])} (${MEASURES[m.measures[i][j]]})`}
      />
      <p className="muted small">
        Two numbers: Pearson&apos;s r (blue negative, orange positive). A number and categories: the correlation ratio η. Two sets of categories: Cramér&apos;s V. Both run from 0 (unrelated) to 1.
        {m.rows < rows ? ` Computed on ${m.rows.toLocaleString('en-US')} evenly spaced rows.` : ''}
      </p>
    </>
  );
}
