import { useState } from 'react';
import { getModelInfo } from '../../../core/models/info';
import { goTo, setNextRunParam } from '../../../state/actions';
import { taskOf } from '../../../state/store';
import { fmt } from '../../format';
import { useStudio } from '../../useStudio';

/**
 * A button that sets one parameter of a model for the next training run (a suggested eps, a better
 * k), then says so with a way to the Train screen. Only offered while the Train screen trains for
 * the model's task.
 */
export function NextRunButton({ model, param, value, children }: { model: string; param: string; value: number; children: string }) {
  const [done, setDone] = useState(false);
  const info = getModelInfo(model);
  const task = useStudio(taskOf);
  const current = useStudio((s) => (s.modelId === model ? s.modelParams[param] : undefined));
  if (!task || !info.tasks.includes(task)) return null;
  const label = info.schema[param]?.label ?? param;
  return (
    <div className="actions">
      <button type="button" onClick={() => (setNextRunParam(model, param, value), setDone(true))}>
        {children}
      </button>
      <span className="muted small" aria-live="polite">
        {done && current === value ? (
          <>
            {label} set to {fmt(value)} for the next training run.{' '}
            <button type="button" className="link" onClick={() => goTo('train')}>
              Go to Train
            </button>
          </>
        ) : null}
      </span>
    </div>
  );
}
