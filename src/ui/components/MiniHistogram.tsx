/** A tiny bar chart (inline SVG) for profile rows: cheap enough for hundreds of columns. */
export function MiniHistogram({ counts, label }: { counts: readonly number[]; label: string }) {
  const max = Math.max(1, ...counts);
  const w = 120;
  const h = 28;
  const bw = counts.length ? w / counts.length : w;
  return (
    <svg className="mini-hist" width={w} height={h} role="img" aria-label={label}>
      {counts.map((c, i) => {
        const bh = Math.max(c > 0 ? 1.5 : 0, (c / max) * (h - 2));
        return <rect key={i} x={i * bw + 0.5} y={h - bh} width={Math.max(1, bw - 1)} height={bh} />;
      })}
    </svg>
  );
}
