import { useState } from 'react';
import type { ColumnKind } from '../../core/table/column';
import { addRecipeStep, recipeStepAt } from '../../state/recipeActions';
import { chooserIndex, stepKey } from '../../state/recipeSteps';
import type { PickableColumn } from '../components/SchemaForm';
import { useStudio } from '../useStudio';
import { AddStepMenu } from './AddStepMenu';
import { StepItem, focusStep } from './StepItem';

const NO_STEPS: readonly never[] = [];

/**
 * The recipe's steps in the order they run (after the column chooser's leading drop-columns
 * step, which the Features card edits): each a row that opens its form, with the columns after it
 * on the sample; and "Add a step". A step may appear more than once.
 */
export function StepList() {
  const steps = useStudio((s) => s.recipe?.steps ?? NO_STEPS);
  const preview = useStudio((s) => s.preparePreview?.result ?? null);
  const profile = useStudio((s) => s.dataset.result?.profile);
  const target = useStudio((s) => s.target);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const offset = chooserIndex(steps) + 1;
  const dataColumns: PickableColumn[] = (profile?.columns ?? []).filter((c) => c.name !== target).map((c) => ({ name: c.name, kind: (c.type === 'id' ? 'categorical' : c.type) as ColumnKind }));
  const toggle = (key: number) =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const shown = steps.map((spec, index) => ({ spec, index })).slice(offset);
  return (
    <>
      {shown.length ? (
        <ol className="step-list" aria-label="Recipe steps">
          {shown.map(({ spec, index }, i) => {
            const key = stepKey(spec);
            // The preview answers for the recipe it was fitted on; while a newer one is fitted, a step beyond its list has none.
            const stepPreview = preview && index < preview.steps.length ? preview.steps[index] : undefined;
            return (
              <StepItem
                key={key}
                spec={spec}
                index={index}
                number={i + 1}
                canMoveUp={index > offset}
                canMoveDown={index < steps.length - 1}
                open={open.has(key)}
                onToggle={() => toggle(key)}
                preview={stepPreview}
                columns={stepPreview?.inputs ?? dataColumns}
                onRemoved={() => (index < steps.length - 1 ? focusStep(index) : index > offset ? focusStep(index - 1) : requestAnimationFrame(() => document.querySelector<HTMLElement>('.add-step > button')?.focus()))}
              />
            );
          })}
        </ol>
      ) : (
        <p className="muted">No steps: the columns go to the model as they are. Add one below.</p>
      )}
      <AddStepMenu
        onAdd={(id) => {
          // The step just added opens, and its row takes focus.
          const index = addRecipeStep(id);
          const spec = recipeStepAt(index);
          if (spec) setOpen((o) => new Set(o).add(stepKey(spec)));
          focusStep(index);
        }}
      />
    </>
  );
}
