import { goTo } from '../../state/actions';
import { chooserDropped } from '../../state/recipeSteps';
import { useStudio } from '../useStudio';

/** What learning without a target will do with the data: the columns it reads, and how to read the result. */
export function NoTargetCard() {
  const noTarget = useStudio((s) => s.noTarget);
  const profile = useStudio((s) => s.dataset.result?.profile);
  const steps = useStudio((s) => s.recipe?.steps);
  if (!noTarget || !profile) return null;
  const dropped = new Set(chooserDropped(steps ?? []));
  const used = profile.columns.filter((c) => !dropped.has(c.name)).map((c) => c.name);
  return (
    <div className="card">
      <h3>{noTarget === 'clustering' ? 'Finding groups of similar rows' : 'Finding the directions the rows vary most along'}</h3>
      <p>
        {noTarget === 'clustering'
          ? 'A clustering model puts each row in a group (a cluster) by how close its values are to those of other rows. It is never told what the groups are; Evaluate shows how well separated they are and how many groups the data supports.'
          : 'Principal component analysis (PCA) finds new axes, each a mix of the columns, ordered by how much of the variation they keep. Evaluate shows how much each axis explains (the scree chart), which columns make it up, and the rows drawn on the first two.'}
      </p>
      <p className="muted">
        It will read {used.length} of {profile.columns.length} columns: {used.join(', ') || 'none'}.{' '}
        <button type="button" className="link" onClick={() => goTo('prepare')}>
          Choose columns on Prepare
        </button>
      </p>
      <p className="note-warn small">
        Every column left in shapes the result. To see whether the rows separate by a label on their own (a species, say), leave that column out on Prepare, then colour the rows by it on Evaluate.
      </p>
    </div>
  );
}
