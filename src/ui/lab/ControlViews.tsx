/**
 * The control problems drawn from their observation: CartPole's cart and pole (Gymnasium's
 * cartpole.py: track ±2.4, pole 1 long drawn to scale) and MountainCar's car on the hill
 * (mountain_car.py: height sin(3x)·0.45 + 0.55 over x in [−1.2, 0.6], the flag at 0.5).
 */

const W = 480;
const H = 220;

/** CartPole at observation [x, ẋ, θ, θ̇]. */
export function CartPoleView({ observation, label }: { observation: readonly number[]; label: string }) {
  const [x, , theta] = observation;
  const scale = W / 6; // the world is 4.8 wide (±2.4); leave a margin each side
  const cx = W / 2 + x * scale;
  const trackY = H - 50;
  const poleLen = 1.0 * scale * 1.3;
  const px = cx + Math.sin(theta) * poleLen;
  const py = trackY - 15 - Math.cos(theta) * poleLen;
  const deg = (theta * 180) / Math.PI;
  return (
    <svg className="lab-control" role="img" aria-label={`${label}: cart at ${x.toFixed(2)}, pole leaning ${Math.abs(deg).toFixed(1)}° to the ${deg >= 0 ? 'right' : 'left'}`} viewBox={`0 0 ${W} ${H}`} width={W} height={H}>
      <rect x={0} y={0} width={W} height={H} fill="#f7faf8" />
      <line x1={W / 2 - 2.4 * scale} y1={trackY} x2={W / 2 + 2.4 * scale} y2={trackY} stroke="#1d2a22" strokeWidth={2} />
      {[-2.4, 2.4].map((edge) => (
        <line key={edge} x1={W / 2 + edge * scale} y1={trackY - 8} x2={W / 2 + edge * scale} y2={trackY + 8} stroke="#b3261e" strokeWidth={3} />
      ))}
      <rect x={cx - 30} y={trackY - 30} width={60} height={30} rx={4} fill="#247a4c" />
      <line x1={cx} y1={trackY - 15} x2={px} y2={py} stroke="#d9822b" strokeWidth={8} strokeLinecap="round" />
      <circle cx={cx} cy={trackY - 15} r={4} fill="#1d2a22" />
      <text x={8} y={H - 12} fontSize={12} fill="#3d4a42">
        x {x.toFixed(2)} (limit ±2.4) · angle {deg.toFixed(1)}° (limit ±12°)
      </text>
    </svg>
  );
}

/** MountainCar at observation [position, velocity]. */
export function MountainCarView({ observation, label }: { observation: readonly number[]; label: string }) {
  const [pos, vel] = observation;
  const sx = (p: number) => ((p + 1.2) / 1.8) * (W - 20) + 10;
  const sy = (p: number) => H - 30 - (Math.sin(3 * p) * 0.45 + 0.55) * (H - 70);
  const path = Array.from({ length: 91 }, (_, i) => -1.2 + (i * 1.8) / 90).map((p, i) => `${i ? 'L' : 'M'} ${sx(p).toFixed(1)} ${sy(p).toFixed(1)}`).join(' ');
  const slope = Math.atan2(sy(pos + 0.01) - sy(pos), sx(pos + 0.01) - sx(pos));
  return (
    <svg className="lab-control" role="img" aria-label={`${label}: car at position ${pos.toFixed(2)} (flag at 0.5), velocity ${vel.toFixed(3)}`} viewBox={`0 0 ${W} ${H}`} width={W} height={H}>
      <rect x={0} y={0} width={W} height={H} fill="#f7faf8" />
      <path d={`${path} L ${sx(0.6)} ${H} L ${sx(-1.2)} ${H} Z`} fill="#dfe9e1" stroke="#3d4a42" strokeWidth={2} />
      <line x1={sx(0.5)} y1={sy(0.5)} x2={sx(0.5)} y2={sy(0.5) - 34} stroke="#1d2a22" strokeWidth={2} />
      <path d={`M ${sx(0.5)} ${sy(0.5) - 34} l 20 6 l -20 6 Z`} fill="#d9822b" />
      <g transform={`translate(${sx(pos)} ${sy(pos)}) rotate(${(slope * 180) / Math.PI})`}>
        <rect x={-16} y={-16} width={32} height={12} rx={3} fill="#247a4c" />
        <circle cx={-9} cy={-3} r={4} fill="#1d2a22" />
        <circle cx={9} cy={-3} r={4} fill="#1d2a22" />
      </g>
      <text x={8} y={H - 10} fontSize={12} fill="#3d4a42">
        position {pos.toFixed(2)} (goal 0.5) · velocity {vel.toFixed(3)}
      </text>
    </svg>
  );
}
