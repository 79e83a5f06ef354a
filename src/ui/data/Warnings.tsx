import type { DataWarning, WarningFix } from '../../core/warnings';
import { applyFix, isFixApplied } from '../../state/actions';
import { useStudio } from '../useStudio';

function fixLabel(fix: WarningFix): string {
  return fix.kind === 'drop-column' ? `Leave out ${fix.column}` : fix.kind === 'drop-duplicates' ? 'Drop duplicate rows' : 'Stratify the split';
}

/** Data warnings, each saying what and where, with a one-click fix into the recipe where there is one. */
export function Warnings({ warnings, title }: { warnings: readonly DataWarning[]; title?: string }) {
  const state = useStudio((s) => s);
  if (warnings.length === 0) return title ? null : <p className="ok-text">No problems found in the data.</p>;
  return (
    <div className="card warnings">
      <h3>{title ?? `${warnings.length} thing${warnings.length === 1 ? '' : 's'} to look at`}</h3>
      <ul aria-label={title ?? 'Data warnings'}>
        {warnings.map((w, i) => (
          <li key={i} className={`warning w-${w.code}`}>
            <span className="tag">{w.code.replace(/-/g, ' ')}</span> <span>{w.message}</span>
            {w.fix ? (
              isFixApplied(state, w.fix) ? (
                <span className="applied"> ✓ in the recipe</span>
              ) : (
                <button type="button" className="fix" onClick={() => applyFix(w.fix!)}>
                  {fixLabel(w.fix)}
                </button>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
