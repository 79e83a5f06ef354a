import { useId } from 'react';
import type { StepPreview } from '../../core/prep/recipePreview';
import type { StepSpec } from '../../core/prep/recipeSpec';
import { getStep } from '../../core/prep/registry';
import { duplicateRecipeStep, moveRecipeStep, removeRecipeStep, setRecipeStepParam } from '../../state/recipeActions';
import { type PickableColumn, SchemaForm } from '../components/SchemaForm';
import { StepExtras } from './StepExtras';
import { stepSummary, withDefaults } from './stepSummary';

/** Focuses the row button of the step at recipe index `index` once the list has redrawn (after a move, a copy, a removal). */
export function focusStep(index: number, part: 'head' | 'up' | 'down' = 'head'): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-step-index="${index}"] [data-part="${part}"]`)?.focus());
}

/**
 * One step of the recipe: a row that opens its settings (label, a one-line summary, the columns
 * after it on the sample, or its error), and, opened, its help, its schema-drawn form, what it
 * will make, and Move up / Move down / Duplicate / Remove.
 */
export function StepItem({
  spec,
  index,
  number,
  canMoveUp,
  canMoveDown,
  open,
  onToggle,
  preview,
  columns,
  onRemoved,
}: {
  spec: StepSpec;
  index: number;
  number: number;
  canMoveUp: boolean;
  canMoveDown: boolean;
  open: boolean;
  onToggle: () => void;
  preview: StepPreview | null | undefined;
  columns: readonly PickableColumn[];
  onRemoved: () => void;
}) {
  const id = useId();
  let def;
  try {
    def = getStep(spec.step);
  } catch {
    def = null;
  }
  const label = def?.label ?? spec.step;
  const params = spec.params ?? {};
  const error = preview?.error;
  const move = (delta: number) => {
    if (delta < 0 ? !canMoveUp : !canMoveDown) return;
    moveRecipeStep(index, delta);
    focusStep(index + delta, delta < 0 ? 'up' : 'down');
  };
  return (
    <li className={`step-item${error ? ' step-failed' : ''}`} data-step-index={index}>
      <div role="group" aria-label={`Step ${number}: ${label}`}>
        <div className="step-head">
          <button type="button" className="step-toggle" data-part="head" aria-expanded={open} aria-controls={`${id}-panel`} aria-describedby={error ? `${id}-error` : undefined} onClick={onToggle}>
            <span className="step-num" aria-hidden>
              {number}
            </span>
            <span className="step-label">{label}</span>
            <span className="step-summary muted small">{def ? stepSummary(def.schema, params) : 'unknown step'}</span>
          </button>
          <span className="step-outcome small muted">
            {preview && !error ? `→ ${preview.outputs} column${preview.outputs === 1 ? '' : 's'}${preview.made.length ? ` (${preview.made.length} new)` : ''}${preview.keptRows !== undefined ? `, ${preview.keptRows} rows` : ''}` : preview === null ? 'not reached' : ''}
          </span>
        </div>
        {error ? (
          <p id={`${id}-error`} className="step-error">
            <span className="alert-icon" aria-hidden>
              !
            </span>{' '}
            This step failed on the sample: {error}
          </p>
        ) : null}
        {open ? (
          <div id={`${id}-panel`} className="step-panel">
            {def ? <p className="help">{def.help}</p> : null}
            {def ? <SchemaForm schema={def.schema} values={params} columns={columns} onChange={(key, value) => setRecipeStepParam(index, key, value)} /> : null}
            {def ? <StepExtras step={spec.step} schema={def.schema} params={withDefaults(def.schema, params)} preview={preview ?? null} /> : null}
            <div className="step-actions">
              <button type="button" className="secondary" data-part="up" aria-disabled={!canMoveUp} onClick={() => move(-1)}>
                ↑ Move up
              </button>
              <button type="button" className="secondary" data-part="down" aria-disabled={!canMoveDown} onClick={() => move(1)}>
                ↓ Move down
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  duplicateRecipeStep(index);
                  focusStep(index + 1);
                }}
              >
                Duplicate
              </button>
              <button
                type="button"
                className="secondary danger"
                onClick={() => {
                  removeRecipeStep(index);
                  onRemoved();
                }}
              >
                Remove
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </li>
  );
}
