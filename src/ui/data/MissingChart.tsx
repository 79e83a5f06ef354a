import type { DataProfile } from '../../core/profile/profile';
import { BarsChart } from '../charts/BarsChart';

/** Share of missing values per column (only the columns that have any). */
export function MissingChart({ profile }: { profile: DataProfile }) {
  const data = profile.columns.filter((c) => c.missing > 0).map((c) => ({ name: c.name, value: Math.round((c.missing / profile.rows) * 1000) / 10 }));
  if (data.length === 0) return <p className="ok-text">No missing values.</p>;
  return <BarsChart data={data} label="Missing values (% of rows) per column" color="var(--orange)" height={200} valueName="% missing" />;
}
