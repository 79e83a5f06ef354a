import { useId, useRef, useState } from 'react';
import { STEP_REGISTRY } from '../../core/prep/registry';
import { STEP_GROUPS, groupOf } from './stepGroups';

/**
 * "Add a step": a disclosure listing every registered step by group (clean, encode, transform,
 * make columns, select), each with its label and help. Choosing one adds it at the end of the
 * recipe; Escape closes the list and returns focus to the button.
 */
export function AddStepMenu({ onAdd }: { onAdd: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="add-step">
      <button ref={button} type="button" aria-expanded={open} aria-controls={`${id}-menu`} onClick={() => setOpen(!open)}>
        + Add a step
      </button>
      {open ? (
        <div id={`${id}-menu`} className="add-step-menu" onKeyDown={(e) => e.key === 'Escape' && close()}>
          {STEP_GROUPS.map((group, g) => {
            const defs = STEP_REGISTRY.filter((d) => groupOf(d) === group);
            if (!defs.length) return null;
            return (
              <div key={group} role="group" aria-labelledby={`${id}-g${g}`} className="add-step-group">
                <h4 id={`${id}-g${g}`}>{group[0].toUpperCase() + group.slice(1)}</h4>
                <ul>
                  {defs.map((d) => (
                    <li key={d.id}>
                      <button
                        type="button"
                        className="add-step-choice"
                        aria-describedby={`${id}-${d.id}-help`}
                        onClick={() => {
                          setOpen(false);
                          onAdd(d.id);
                        }}
                      >
                        {d.label}
                      </button>
                      <p id={`${id}-${d.id}-help`} className="help">
                        {d.help}
                      </p>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
