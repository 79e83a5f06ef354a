import { useEffect, useRef } from 'react';
import { chooseBackend } from '../../state/actions';
import type { BackendName, BackendReport } from '../../workers/backend';
import { fmt } from '../format';
import { useStudio } from '../useStudio';

/**
 * Where the studio computes, in plain words ("on this computer's processor" / "graphics card");
 * the TF.js backend, its measured speed and why it was picked one click away, where it can be switched.
 */
export function BackendPicker() {
  const backend = useStudio((s) => s.backend);
  const training = useStudio((s) => s.training.state === 'running');
  const details = useRef<HTMLDetailsElement>(null);
  // The open panel floats over the steps: a press outside it closes it, as a menu does.
  useEffect(() => {
    const outside = (e: PointerEvent) => {
      if (details.current?.open && !details.current.contains(e.target as Node)) details.current.open = false;
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, []);
  /** Closes the panel; with `refocus`, focus goes back to its summary (keyboard users stay where they were). */
  const closeDetails = (refocus: boolean) => {
    if (!details.current?.open) return;
    details.current.open = false;
    if (refocus) details.current.querySelector('summary')?.focus();
  };
  if (backend.status === 'starting') return <div className="backend muted">Starting the compute engine…</div>;
  if (backend.status === 'failed' || !backend.report) return <div className="backend error-text">The compute engine could not start</div>;
  const { report } = backend;
  const describe = (c: (typeof report.candidates)[number]) =>
    `${c.name}${c.msPerStep !== undefined ? ` · ${fmt(c.msPerStep)} ms/step` : ''}${c.software ? ' · software' : ''}${c.available ? '' : ' · unavailable'}`;
  const active = report.candidates.find((c) => c.name === report.active);
  return (
    <div className="backend">
      <span data-testid="backend-summary">{backend.pending ? 'Switching…' : plainPlace(report)}</span>
      <details className="backend-details" ref={details} onKeyDown={(e) => e.key === 'Escape' && closeDetails(true)}>
        <summary>Details</summary>
        <div className="backend-panel">
          <p className="muted small">The backend decides where neural networks train. The fastest one that works on this computer was chosen; you can switch. Trees, boosting and the other models always run on the processor.</p>
          <label htmlFor="backend-select">Backend</label>
          <select
            id="backend-select"
            value={backend.pending ?? report.active}
            disabled={training || backend.pending !== undefined}
            onChange={(e) => {
              closeDetails(true);
              void chooseBackend(e.target.value as BackendName);
            }}
            title={report.candidates.map((c) => `${c.name}: ${c.detail}`).join('\n')}
          >
            {report.candidates.map((c) => (
              <option key={c.name} value={c.name} disabled={!c.available}>
                {describe(c)}
              </option>
            ))}
          </select>
          <p className="muted small" data-testid="backend-reason">
            {backend.pending ? `switching to ${backend.pending}…` : `${report.reason}${active ? ` (${active.detail})` : ''}`}
          </p>
          <p className="muted small" data-testid="backend-networks">
            Neural networks train on {report.networks}.
          </p>
        </div>
      </details>
    </div>
  );
}

/** Where the active backend computes, for people: the graphics card (a real GPU) or the processor (WASM, plain JS, or a GPU emulated in software). */
export function plainPlace(report: BackendReport): string {
  const active = report.candidates.find((c) => c.name === report.active);
  const gpu = (report.active === 'webgpu' || report.active === 'webgl') && !active?.software;
  return gpu ? 'Runs on this computer’s graphics card' : 'Runs on this computer’s processor';
}
