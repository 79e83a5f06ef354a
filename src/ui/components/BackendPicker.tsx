import { chooseBackend } from '../../state/actions';
import type { BackendName } from '../../workers/backend';
import { fmt } from '../format';
import { useStudio } from '../useStudio';

/** Shows the TF.js backend in use (and why) and lets the person switch to another that started. */
export function BackendPicker() {
  const backend = useStudio((s) => s.backend);
  const training = useStudio((s) => s.training.state === 'running');
  if (backend.status === 'starting') return <div className="backend muted">Starting the compute backend…</div>;
  if (backend.status === 'failed' || !backend.report) return <div className="backend error-text">No compute backend</div>;
  const { report } = backend;
  const describe = (c: (typeof report.candidates)[number]) =>
    `${c.name}${c.msPerStep !== undefined ? ` · ${fmt(c.msPerStep)} ms/step` : ''}${c.software ? ' · software' : ''}${c.available ? '' : ' · unavailable'}`;
  const active = report.candidates.find((c) => c.name === report.active);
  return (
    <div className="backend">
      <label htmlFor="backend-select">Backend</label>
      <select
        id="backend-select"
        value={backend.pending ?? report.active}
        disabled={training || backend.pending !== undefined}
        onChange={(e) => void chooseBackend(e.target.value as BackendName)}
        title={report.candidates.map((c) => `${c.name}: ${c.detail}`).join('\n')}
      >
        {report.candidates.map((c) => (
          <option key={c.name} value={c.name} disabled={!c.available}>
            {describe(c)}
          </option>
        ))}
      </select>
      <span className="muted small" data-testid="backend-reason">
        {backend.pending ? `switching to ${backend.pending}…` : `${report.reason}${active ? ` (${active.detail})` : ''}`}
      </span>
    </div>
  );
}
