import { dismissError } from '../../state/actions';
import { useStudio } from '../useStudio';

/** Errors, newest last, in an alert region screen readers announce; each can be dismissed. */
export function ErrorAlert() {
  const errors = useStudio((s) => s.errors);
  if (errors.length === 0) return null;
  return (
    <div className="alerts">
      {errors.map((e) => (
        <div key={e.id} role="alert" className="alert">
          <span className="alert-icon" aria-hidden>!</span>
          <span className="alert-text">{e.message}</span>
          <button type="button" className="ghost" aria-label="Dismiss error" onClick={() => dismissError(e.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
