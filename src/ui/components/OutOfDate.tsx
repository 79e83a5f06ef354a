import { goTo } from '../../state/actions';
import { type OriginSettings, type StudioModel, outdatingChanges } from '../../state/modelOrigin';
import { useStudio } from '../useStudio';
import { changesText, trainedOnText } from './originText';

/** The settings a model is compared with, read field by field (each keeps its identity, so nothing re-renders for nothing). */
export function useOriginSettings(): OriginSettings {
  const dataset = useStudio((s) => s.dataset);
  const target = useStudio((s) => s.target);
  const noTarget = useStudio((s) => s.noTarget);
  const targetSummary = useStudio((s) => s.targetSummary);
  const recipe = useStudio((s) => s.recipe);
  const modelId = useStudio((s) => s.modelId);
  const modelParams = useStudio((s) => s.modelParams);
  const seed = useStudio((s) => s.seed);
  return { dataset, target, noTarget, targetSummary, recipe, modelId, modelParams, seed };
}

/** A sentence's first letter in capitals. */
export function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Evaluate's and Export's banner when the model no longer matches the data, target, task or
 * recipe now set: what changed, what the model was trained on, and the way to Train. Nothing
 * while it matches (and for an imported model, which no settings made).
 */
export function OutOfDate({ model }: { model: StudioModel }) {
  const changes = outdatingChanges(model.origin, useOriginSettings());
  if (!changes.length) return null;
  return (
    <div className="out-of-date" role="note" aria-label="Out of date">
      <p>
        <strong>Out of date: {changesText(changes)} since this model was trained.</strong> It was {trainedOnText(model).replace(/^T/, 't')}; what is shown here is about that model. Train again for the current settings.
      </p>
      <button type="button" onClick={() => goTo('train')}>
        Go to Train
      </button>
    </div>
  );
}
