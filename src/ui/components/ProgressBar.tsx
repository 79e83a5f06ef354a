/** A labelled progress bar; without a fraction it shows an indeterminate stripe. */
export function ProgressBar({ label, fraction, detail }: { label: string; fraction?: number; detail?: string }) {
  const pct = fraction === undefined ? undefined : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="progress">
      <div
        className={`progress-track${pct === undefined ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="progress-fill" style={pct === undefined ? undefined : { transform: `scaleX(${pct / 100})` }} />
      </div>
      <div className="progress-text">
        {label}
        {detail ? ` · ${detail}` : ''}
        {pct !== undefined ? ` · ${pct}%` : ''}
      </div>
    </div>
  );
}
