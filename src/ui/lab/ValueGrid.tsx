import type { CellKind } from '../../core/rl/types';
import type { GridPicture } from '../../workers/rlProtocol';
import { DataDisclosure } from '../charts/ChartFigure';
import { fmt } from '../format';
import { VALUE_GRADIENT, valueFill, valueRange } from './labColours';

/** How a cell that has no value of its own is drawn, and the letter that marks it. */
const KIND_LOOK: Partial<Record<CellKind, { fill: string; ink: string; mark: string; name: string }>> = {
  wall: { fill: '#5f6b63', ink: '#ffffff', mark: '', name: 'wall' },
  hole: { fill: '#1f3b63', ink: '#ffffff', mark: 'H', name: 'hole' },
  cliff: { fill: '#7a2a1e', ink: '#ffffff', mark: 'C', name: 'cliff' },
  goal: { fill: '#d9822b', ink: '#000000', mark: 'G', name: 'goal' },
};

/** The angle (degrees, SVG's y down) of a move by its name: FrozenLake and CliffWalking number them differently. */
const ANGLE: Record<string, number> = { right: 0, down: 90, left: 180, up: 270 };

/** The cell size in pixels for a grid drawn `width` wide. */
function cellSize(cols: number, width: number): number {
  return Math.max(28, Math.min(88, Math.floor(width / cols)));
}

/** Words for a cell kind. */
export function kindName(kind: CellKind): string {
  return kind === 'hole' ? 'hole (pit)' : kind === 'reward' ? 'reward' : kind;
}

/**
 * A grid world drawn in SVG: each cell coloured by its value (green ramp, legend beside), the greedy
 * move as an arrow, the value printed in the cell, and the agent as a ring where it stands. Its
 * numbers are also a table behind "Show data as a table", for keyboard and screen-reader users.
 */
export function ValueGrid({ title, grid, values, policy, agent, width = 400, range }: { title: string; grid: GridPicture; values?: readonly number[]; policy?: readonly number[]; agent?: number | null; width?: number; range?: { min: number; max: number } }) {
  const size = cellSize(grid.cols, width);
  const { min, max } = range ?? valueRange(values ?? []);
  const showValues = values !== undefined && size >= 40;
  const startValue = values?.[grid.start];
  const label = `${title}: a ${grid.rows} by ${grid.cols} grid${startValue !== undefined ? `; the start cell's value is ${fmt(startValue)}` : ''}${agent != null ? `; the agent is at row ${Math.floor(agent / grid.cols) + 1}, column ${(agent % grid.cols) + 1}` : ''}.`;
  return (
    <figure className="lab-grid">
      <figcaption className="lab-grid-title">{title}</figcaption>
      <svg role="img" aria-label={label} width={grid.cols * size} height={grid.rows * size} viewBox={`0 0 ${grid.cols * size} ${grid.rows * size}`}>
        {grid.cells.map((kind, s) => {
          const x = (s % grid.cols) * size;
          const y = Math.floor(s / grid.cols) * size;
          const look = KIND_LOOK[kind];
          const v = values?.[s];
          const { fill, ink } = look ?? (v !== undefined ? valueFill(v, min, max) : { fill: '#ffffff', ink: '#000000' });
          const a = policy?.[s];
          const arrow = !look && a !== undefined ? ANGLE[grid.actionNames[a]] : undefined;
          return (
            <g key={s}>
              <rect x={x} y={y} width={size} height={size} fill={fill} stroke="#ffffff" strokeWidth={1.5} />
              {look?.mark || kind === 'start' || kind === 'reward' ? (
                <text x={x + 4} y={y + 13} fontSize={11} fontWeight={700} fill={look ? look.ink : ink}>
                  {look?.mark ?? (kind === 'start' ? 'S' : '+')}
                </text>
              ) : null}
              {arrow !== undefined ? <Arrow cx={x + size / 2} cy={y + size / 2 - (showValues ? 5 : 0)} len={size * 0.32} angle={arrow} colour={ink} /> : null}
              {showValues && !look && v !== undefined ? (
                <text x={x + size / 2} y={y + size - 7} fontSize={size >= 64 ? 12 : 10} textAnchor="middle" fill={ink}>
                  {fmtValue(v)}
                </text>
              ) : null}
              {agent === s ? <circle className="lab-agent" cx={x + size / 2} cy={y + size / 2} r={size * 0.3} fill="none" stroke="#c2185b" strokeWidth={4} /> : null}
            </g>
          );
        })}
      </svg>
      {startValue !== undefined ? (
        <p className="small lab-start-value">
          Value of the start: <strong>{fmtValue(startValue, 4)}</strong>
        </p>
      ) : null}
      {values ? (
        <DataDisclosure
          name={title}
          table={() => ({
            columns: ['Cell', 'Kind', 'Value', 'Best move'],
            rows: grid.cells.map((kind, s) => [`row ${Math.floor(s / grid.cols) + 1}, column ${(s % grid.cols) + 1}`, kindName(kind), values[s] ?? null, policy && !KIND_LOOK[kind] ? grid.actionNames[policy[s]] : '—']),
          })}
        />
      ) : null}
    </figure>
  );
}

/** A value as the grid prints it: 2 decimals (3 below 0.1, so FrozenLake's small values differ), `digits` when given. */
export function fmtValue(v: number, digits?: number): string {
  const d = digits ?? (Math.abs(v) < 0.1 && v !== 0 ? 3 : 2);
  return v.toFixed(d);
}

function Arrow({ cx, cy, len, angle, colour }: { cx: number; cy: number; len: number; angle: number; colour: string }) {
  const head = Math.max(4, len * 0.45);
  return (
    <g transform={`translate(${cx} ${cy}) rotate(${angle})`} stroke={colour} fill={colour}>
      <line x1={-len} y1={0} x2={len - head * 0.6} y2={0} strokeWidth={2.5} strokeLinecap="round" />
      <path d={`M ${len} 0 L ${len - head} ${-head * 0.6} L ${len - head} ${head * 0.6} Z`} stroke="none" />
    </g>
  );
}

/** The legend of the value scale and of the cells that have none. */
export function ValueLegend({ min, max }: { min: number; max: number }) {
  return (
    <div className="lab-legend" aria-label="Legend">
      <span className="small">Value</span>
      <span className="small">{fmtValue(min)}</span>
      <span className="lab-ramp" style={{ background: VALUE_GRADIENT }} aria-hidden />
      <span className="small">{fmtValue(max)}</span>
      {Object.values(KIND_LOOK).map((k) => (
        <span key={k!.name} className="lab-key small">
          <span className="lab-swatch" style={{ background: k!.fill, color: k!.ink }} aria-hidden>
            {k!.mark}
          </span>
          {k!.name}
        </span>
      ))}
      <span className="lab-key small">
        <span className="lab-swatch lab-swatch-agent" aria-hidden />
        agent
      </span>
      <span className="small muted">S start, + reward cell; arrows: the best move</span>
    </div>
  );
}
