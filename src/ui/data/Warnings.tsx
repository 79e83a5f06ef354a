import type { DataWarning } from '../../core/warnings';

/** Data warnings as a list, each saying what and where. */
export function Warnings({ warnings }: { warnings: readonly DataWarning[] }) {
  if (warnings.length === 0) return <p className="ok-text">No problems found in the data.</p>;
  return (
    <div className="card warnings">
      <h3>
        {warnings.length} thing{warnings.length === 1 ? '' : 's'} to look at
      </h3>
      <ul aria-label="Data warnings">
        {warnings.map((w, i) => (
          <li key={i} className={`warning w-${w.code}`}>
            <span className="tag">{w.code.replace(/-/g, ' ')}</span> {w.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
