import type { ReactNode } from 'react';

/**
 * A table cell's bar and its figure, the markup every bar table shares (importance, permutation
 * importance, cluster sizes, loadings, a prediction's pushes). `share` is the bar's length as a
 * share of the track; `signed` draws it from the middle, right for positive and left for
 * negative (its share then of the half track); `share` null draws the track alone.
 */
export function BarCell({ share, signed = false, colour, extra, wide = false, trackClass = '', children }: { share: number | null; signed?: boolean; colour?: string; extra?: ReactNode; wide?: boolean; trackClass?: string; children: ReactNode }) {
  const fill = share === null ? null : signed ? (
    <span className={`bar-fill ${share < 0 ? 'neg' : 'pos'}`} style={{ width: `${Math.min(1, Math.abs(share)) * 50}%` }} />
  ) : (
    <span className="bar-fill" style={{ width: `${Math.min(1, Math.max(0, share)) * 100}%`, ...(colour ? { background: colour } : {}) }} />
  );
  return (
    <div className="bar-cell">
      <span className={['bar-track', signed ? 'split' : '', share === null && signed ? 'empty' : '', trackClass].filter(Boolean).join(' ')} aria-hidden="true">
        {fill}
        {extra}
      </span>
      <span className={wide ? 'bar-value wide' : 'bar-value'}>{children}</span>
    </div>
  );
}
