import { dismissError } from '../../state/actions';
import type { ErrorOrigin, ShownError } from '../../state/errorList';
import { useStudio } from '../useStudio';

/** One error's text, with how many times it came when more than once. */
export function errorText(e: ShownError): string {
  return (e.count ?? 1) > 1 ? `${e.message} (${e.count} times)` : e.message;
}

/**
 * The errors of the action of control `origin`, shown beside it (the top alert area may be far up
 * the page): the place a screen reader announces them, and where the person is looking.
 */
export function ActionError({ origin }: { origin: ErrorOrigin }) {
  const errors = useStudio((s) => s.errors);
  const mine = errors.filter((e) => e.origin === origin);
  if (mine.length === 0) return null;
  return (
    <>
      {mine.map((e) => (
        <div key={e.id} role="alert" className="alert inline-alert" data-origin={origin}>
          <span className="alert-icon" aria-hidden>!</span>
          <span className="alert-text">{errorText(e)}</span>
          <button type="button" className="ghost" aria-label="Dismiss error" onClick={() => dismissError(e.id)}>
            ×
          </button>
        </div>
      ))}
    </>
  );
}

/**
 * Why a control cannot be used now, as text beside it; give the control `aria-describedby={id}`
 * so the reason is read out with it. Renders nothing without a reason.
 */
export function DisabledReason({ id, reason }: { id: string; reason: string | null }) {
  if (!reason) return null;
  return (
    <p id={id} className="disabled-reason muted small">
      {reason}
    </p>
  );
}
