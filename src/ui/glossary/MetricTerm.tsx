import { useEffect, useId, useRef, useState } from 'react';
import { termFor } from './terms';

/**
 * A metric's name that opens its plain definition: a button (keyboard-reachable) opening a small
 * dialog; Escape, the close button or a click outside closes it and focus returns to the name.
 * A metric the glossary does not know stays plain text.
 */
export function MetricTerm({ metric, label }: { metric: string; label?: string }) {
  const term = termFor(metric);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const name = label ?? term?.name ?? metric;
  if (!term) return <>{name}</>;
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button ref={button} type="button" className="term" aria-haspopup="dialog" title={`What is ${name}?`} onClick={() => setOpen(true)}>
        {name}
      </button>
      {open ? <TermDialog name={name} plain={term.plain} reading={term.reading} onClose={close} /> : null}
    </>
  );
}

/** The glossary entry as a modal dialog (the browser's own: focus moves in, Escape closes). */
function TermDialog({ name, plain, reading, onClose }: { name: string; plain: string; reading: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="glossary-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      // A click on the backdrop lands on the dialog itself (its content is a child).
      onClick={(e) => {
        if (e.target === e.currentTarget) ref.current?.close();
      }}
    >
      <h3 id={`${id}-title`}>{name}</h3>
      <p>{plain}</p>
      <p className="muted">{reading}</p>
      <div className="actions">
        <button type="button" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
