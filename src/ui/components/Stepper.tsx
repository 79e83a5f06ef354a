import { type KeyboardEvent, useRef } from 'react';
import { goTo } from '../../state/actions';
import { STEPS, type Step, type StudioState } from '../../state/store';
import { focusScreen } from '../focus';
import { useStudio } from '../useStudio';

export const STEP_LABELS: Record<Step, string> = { data: 'Data', problem: 'Problem', prepare: 'Prepare', train: 'Train', evaluate: 'Evaluate', export: 'Export', monitor: 'Monitor' };

/** Why a step cannot be opened yet, or null when it can. */
function blockedReason(step: Step, s: StudioState): string | null {
  if (step === 'problem' && !s.dataset.result) return 'Load data first';
  if ((step === 'prepare' || step === 'train') && !s.target && !s.noTarget) return 'Choose a target (or no target) first';
  if (step === 'evaluate' && !s.current) return 'Train a model first';
  if (step === 'monitor' && !s.current) return 'Train a model, or import one on Export, first';
  return null;
}

/**
 * The lifecycle, left to right, as a tab list (WAI-ARIA tabs pattern): arrow keys move between the
 * steps that are open, Home/End jump to the ends.
 */
export function Stepper() {
  const state = useStudio((s) => s);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const open = STEPS.map((s, i) => (blockedReason(s, state) === null ? i : -1)).filter((i) => i >= 0);
    const at = open.indexOf(index);
    let next: number | undefined;
    if (e.key === 'ArrowRight') next = open[(at + 1) % open.length];
    else if (e.key === 'ArrowLeft') next = open[(at - 1 + open.length) % open.length];
    else if (e.key === 'Home') next = open[0];
    else if (e.key === 'End') next = open[open.length - 1];
    if (next === undefined) return;
    e.preventDefault();
    goTo(STEPS[next]);
    refs.current[next]?.focus();
  };
  return (
    <nav aria-label="Lifecycle" className="stepper">
      <div role="tablist" aria-label="Lifecycle steps">
        {STEPS.map((step, i) => {
          const blocked = blockedReason(step, state);
          const current = state.step === step;
          return (
            <button
              key={step}
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${step}`}
              aria-selected={current}
              aria-controls={`panel-${step}`}
              tabIndex={current ? 0 : -1}
              className={current ? 'step current' : 'step'}
              disabled={blocked !== null}
              title={blocked ?? undefined}
              onClick={() => goTo(step)}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              <span className="step-num" aria-hidden>
                {i + 1}
              </span>
              {STEP_LABELS[step]}
            </button>
          );
        })}
      </div>
    </nav>
  );
}

/** A "Next: …" button to the following step; focus follows to the new screen's title. */
export function NextStep({ to, disabled }: { to: Step; disabled?: boolean }) {
  const next = () => {
    goTo(to);
    focusScreen(to);
  };
  return (
    <div className="next">
      <button type="button" className="primary" disabled={disabled} onClick={next}>
        Next: {STEP_LABELS[to]} →
      </button>
    </div>
  );
}
