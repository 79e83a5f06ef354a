import { groupColour, NO_GROUP_COLOUR, SCALE_GRADIENT } from '../../charts/palette';
import type { Colouring } from './rowColours';

/** What the colours of the row map mean: a swatch per cluster or category, or the scale of a number. */
export function ColourLegend({ colouring, noise }: { colouring: Colouring; noise: boolean }) {
  switch (colouring.kind) {
    case 'none':
      return null;
    case 'numbers':
      return (
        <div className="legend scale-legend" aria-label={`Colour scale of ${colouring.column}`}>
          <span>{colouring.minLabel}</span>
          <span className="scale-bar" style={{ background: SCALE_GRADIENT }} aria-hidden />
          <span>{colouring.maxLabel}</span>
          {colouring.missing ? <Swatch colour={NO_GROUP_COLOUR} label="missing" /> : null}
        </div>
      );
    case 'clusters':
      return (
        <ul className="legend" aria-label="Colours: clusters">
          {Array.from({ length: colouring.count }, (_, k) => (
            <Swatch key={k} colour={groupColour(k)} label={`Cluster ${k}`} item />
          ))}
          {noise ? <Swatch colour={NO_GROUP_COLOUR} label="Noise" item /> : null}
        </ul>
      );
    case 'categories':
      return (
        <ul className="legend" aria-label={`Colours: ${colouring.column}`}>
          {colouring.labels.map((l, k) => (
            <Swatch key={l} colour={groupColour(k)} label={l} item />
          ))}
          {colouring.missing ? <Swatch colour={NO_GROUP_COLOUR} label="(missing)" item /> : null}
        </ul>
      );
  }
}

function Swatch({ colour, label, item }: { colour: string; label: string; item?: boolean }) {
  const body = (
    <>
      <span className="swatch" style={{ background: colour }} aria-hidden />
      {label}
    </>
  );
  return item ? <li>{body}</li> : <span className="legend-item">{body}</span>;
}
