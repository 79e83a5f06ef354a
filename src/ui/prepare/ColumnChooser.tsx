import { setChooserColumns } from '../../state/recipeActions';
import { chooserDropped } from '../../state/recipeSteps';
import { useStudio } from '../useStudio';

/** Why Sapling leaves a column out by default. */
const REASONS: Record<string, string> = { id: 'identifier', text: 'free text', datetime: 'date' };

/** Checkboxes for the feature columns: unchecking one adds it to the "drop columns" step that leads the recipe. */
export function ColumnChooser() {
  const profile = useStudio((s) => s.dataset.result?.profile);
  const target = useStudio((s) => s.target);
  const steps = useStudio((s) => s.recipe?.steps);
  if (!profile) return null;
  const dropped = new Set(chooserDropped(steps ?? []));
  const features = profile.columns.filter((c) => c.name !== target);
  const toggle = (name: string, use: boolean) => {
    const next = new Set(dropped);
    if (use) next.delete(name);
    else next.add(name);
    setChooserColumns(features.map((c) => c.name).filter((n) => next.has(n)));
  };
  return (
    <fieldset className="card columns-box">
      <legend>
        Features <span className="muted small">({features.length - dropped.size} of {features.length} used)</span>
      </legend>
      <ul className="column-list">
        {features.map((c) => {
          const reason = REASONS[c.type] ?? (c.unique <= 1 ? 'constant' : c.missing === profile.rows ? 'empty' : null);
          return (
            <li key={c.name}>
              <label>
                <input type="checkbox" checked={!dropped.has(c.name)} onChange={(e) => toggle(c.name, e.target.checked)} aria-label={`Use ${c.name}`} />
                <span className="col-name">{c.name}</span>
                <span className={`type t-${c.type}`}>{c.type}</span>
                {reason ? <span className="muted small"> · left out by default: {reason}</span> : null}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
