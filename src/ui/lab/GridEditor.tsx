import { type KeyboardEvent, useId, useRef, useState } from 'react';
import type { CellKind, CustomGridSpec } from '../../core/rl/types';
import { CELL_CYCLE, cycleCell, editCustom, resizeGrid, setCell } from '../../state/labActions';
import { kindName } from './ValueGrid';

const LOOK: Record<CellKind, { className: string; mark: string }> = {
  start: { className: 'cell-start', mark: 'S' },
  free: { className: 'cell-free', mark: '' },
  wall: { className: 'cell-wall', mark: '' },
  hole: { className: 'cell-hole', mark: 'H' },
  cliff: { className: 'cell-hole', mark: 'C' },
  goal: { className: 'cell-goal', mark: 'G' },
  reward: { className: 'cell-reward', mark: '+' },
};

/** Keys that set a cell's kind directly (besides Enter/Space/click, which cycle). */
const KEY_KINDS: Record<string, CellKind> = { f: 'free', w: 'wall', h: 'hole', p: 'hole', r: 'reward', g: 'goal', s: 'start' };

/**
 * The hand-drawn grid: a grid of cell buttons (one tab stop; arrow keys move between cells, Enter,
 * Space or a click cycles free → wall → pit → reward → goal → start, and a letter sets the kind), its
 * size, slip and rewards.
 */
export function GridEditor({ grid, disabled }: { grid: CustomGridSpec; disabled?: boolean }) {
  const [focus, setFocus] = useState(0);
  const cells = useRef<(HTMLButtonElement | null)[]>([]);
  const helpId = useId();
  const move = (to: number) => {
    setFocus(to);
    cells.current[to]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const r = Math.floor(i / grid.cols);
    const c = i % grid.cols;
    let to: number | null = null;
    if (e.key === 'ArrowRight' && c < grid.cols - 1) to = i + 1;
    else if (e.key === 'ArrowLeft' && c > 0) to = i - 1;
    else if (e.key === 'ArrowDown' && r < grid.rows - 1) to = i + grid.cols;
    else if (e.key === 'ArrowUp' && r > 0) to = i - grid.cols;
    else if (e.key === 'Home') to = r * grid.cols;
    else if (e.key === 'End') to = r * grid.cols + grid.cols - 1;
    else if (KEY_KINDS[e.key.toLowerCase()] && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      const kind = KEY_KINDS[e.key.toLowerCase()];
      editCustom((g) => setCell(g, i, kind));
      return;
    }
    if (to === null) return;
    e.preventDefault();
    move(to);
  };
  const at = Math.min(focus, grid.cells.length - 1);
  return (
    <div className="grid-editor">
      <div className="grid-editor-size">
        <NumberField label="Rows" value={grid.rows} min={2} max={10} disabled={disabled} onChange={(rows) => editCustom((g) => resizeGrid(g, rows, g.cols))} />
        <NumberField label="Columns" value={grid.cols} min={2} max={12} disabled={disabled} onChange={(cols) => editCustom((g) => resizeGrid(g, g.rows, cols))} />
      </div>
      <p id={helpId} className="help">
        Click a cell, or press Enter or Space on it, to change it: {CELL_CYCLE.map(kindName).join(' → ')}. Arrow keys move between cells; the letters F, W, H, R, G and S set a kind directly.
      </p>
      <div role="grid" aria-label="Custom grid editor" aria-describedby={helpId} className="grid-editor-cells" style={{ gridTemplateColumns: `repeat(${grid.cols}, 2.4rem)` }}>
        {Array.from({ length: grid.rows }, (_, r) => (
          <div role="row" key={r} className="grid-editor-row">
            {Array.from({ length: grid.cols }, (_, c) => {
              const i = r * grid.cols + c;
              const kind = grid.cells[i];
              return (
                <div role="gridcell" key={c}>
                  <button
                    type="button"
                    ref={(el) => {
                      cells.current[i] = el;
                    }}
                    className={`grid-editor-cell ${LOOK[kind].className}`}
                    aria-label={`Row ${r + 1}, column ${c + 1}: ${kindName(kind)}`}
                    tabIndex={i === at ? 0 : -1}
                    disabled={disabled}
                    onFocus={() => setFocus(i)}
                    onClick={() => editCustom((g) => cycleCell(g, i))}
                    onKeyDown={(e) => onKeyDown(e, i)}
                  >
                    <span aria-hidden>{LOOK[kind].mark}</span>
                  </button>
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div className="grid-editor-rewards">
        <NumberField label="Step cost" help="Taken off the reward of every move: a cost makes the agent hurry." value={grid.stepCost} step={0.01} disabled={disabled} onChange={(stepCost) => editCustom((g) => ({ ...g, stepCost }))} />
        <NumberField label="Goal reward" value={grid.goalReward} step={0.1} disabled={disabled} onChange={(goalReward) => editCustom((g) => ({ ...g, goalReward }))} />
        <NumberField label="Pit reward" value={grid.pitReward} step={0.1} disabled={disabled} onChange={(pitReward) => editCustom((g) => ({ ...g, pitReward }))} />
        <NumberField label="Reward cell" help="Paid each time the agent enters a + cell." value={grid.cellReward} step={0.1} disabled={disabled} onChange={(cellReward) => editCustom((g) => ({ ...g, cellReward }))} />
      </div>
    </div>
  );
}

/** A labelled number box that reports finite values only. */
function NumberField({ label, value, onChange, min, max, step = 1, help, disabled }: { label: string; value: number; onChange: (v: number) => void; min?: number; max?: number; step?: number; help?: string; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        value={String(value)}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        aria-describedby={help ? `${id}-help` : undefined}
        onChange={(e) => {
          const v = e.target.valueAsNumber;
          if (Number.isFinite(v) && (min === undefined || v >= min) && (max === undefined || v <= max)) onChange(v);
        }}
      />
      {help ? (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      ) : null}
    </div>
  );
}
