import { dismissError } from '../../state/actions';
import { useStudio } from '../useStudio';
import { errorText } from './ActionError';

/**
 * Errors, newest last, each shown once (a repeated one counted) and dismissable. Errors of the
 * studio itself are alerts screen readers announce here; an action's error is announced beside
 * its control (`ActionError`), so its copy here is a plain note, not a second alert.
 */
export function ErrorAlert() {
  const errors = useStudio((s) => s.errors);
  if (errors.length === 0) return null;
  return (
    <div className="alerts">
      {errors.map((e) => (
        <div key={e.id} role={e.origin ? undefined : 'alert'} className="alert">
          <span className="alert-icon" aria-hidden>!</span>
          <span className="alert-text">{errorText(e)}</span>
          <button type="button" className="ghost" aria-label="Dismiss error" onClick={() => dismissError(e.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
