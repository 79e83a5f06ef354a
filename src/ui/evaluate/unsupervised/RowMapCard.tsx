import { useId, useMemo } from 'react';
import { setColourBy } from '../../../state/rowMap';
import type { ColourBy } from '../../../state/store';
import type { RowMapResult, UnsupervisedModelSummary } from '../../../workers/protocol';
import { pct } from '../../charts/ScreeChart';
import { ScatterMap } from '../../charts/ScatterMap';
import { useStudio } from '../../useStudio';
import { ClusterCrossTab } from './ClusterCrossTab';
import { ColourLegend } from './ColourLegend';
import { colouringOf, describePoint, pointColour } from './rowColours';

/**
 * The rows in 2-D (a sample computed in the engine worker), coloured by cluster or by any column of
 * the data, so one can see whether the groups or the components follow a known label.
 */
export function RowMapCard({ current }: { current: UnsupervisedModelSummary }) {
  const job = useStudio((s) => s.rowMap);
  const loaded = useStudio((s) => Boolean(s.dataset.result));
  const colourBy = useStudio((s) => s.colourBy);
  const map = job.result;
  return (
    <section className="card row-map" aria-labelledby="row-map-title">
      <div className="card-head">
        <h3 id="row-map-title">The rows in 2-D</h3>
        <ColourBySelect clustering={current.problem.task === 'clustering'} value={colourBy} />
      </div>
      {map ? <p className="help">{basisText(map, current)}</p> : null}
      {!loaded ? (
        <p className="note-warn">The rows are drawn from the data: load the file the model was trained on (Data) to see them here.</p>
      ) : job.state === 'failed' ? (
        <p className="note-warn">The rows of the loaded data cannot be drawn for this model: {job.error}.</p>
      ) : map ? (
        <MapBody map={map} colourBy={colourBy} />
      ) : (
        <p className="muted map-placeholder">Drawing the rows…</p>
      )}
    </section>
  );
}

function MapBody({ map, colourBy }: { map: RowMapResult; colourBy: ColourBy }) {
  const colouring = useMemo(() => colouringOf(map, colourBy), [map, colourBy]);
  const colours = useMemo(() => pointColour(colouring), [colouring]);
  const noise = Boolean(map.clusters?.includes(-1));
  const drawn = map.rows.length;
  return (
    <>
      <ColourLegend colouring={colouring} noise={noise} />
      <ScatterMap
        x={map.x}
        y={map.y}
        axes={map.axes.map((a, i) => `${a} (${pct(map.explained[i] ?? 0)} of the variance)`)}
        colours={colours}
        label={`Rows on ${map.axes.join(' and ')}${colouring.kind === 'none' ? '' : `, coloured by ${colouring.kind === 'clusters' ? 'cluster' : colouring.column}`}`}
        describe={(i) => describePoint(map, colouring, i)}
      />
      <p className="muted small">{drawn === map.totalRows ? `All ${drawn.toLocaleString('en-US')} rows are drawn.` : `${drawn.toLocaleString('en-US')} of ${map.totalRows.toLocaleString('en-US')} rows are drawn, evenly spaced through the file.`}</p>
      {map.clusters && colouring.kind === 'categories' ? <ClusterCrossTab clusters={map.clusters} colouring={colouring} drawn={drawn} /> : null}
    </>
  );
}

/** What the axes are. */
function basisText(map: RowMapResult, current: UnsupervisedModelSummary): string {
  const features = current.report.features;
  if (map.basis === 'model') return `Each dot is a row, placed by the model’s first two components: the 2-D view that keeps the most of the variation of its ${features} features.`;
  if (current.problem.task === 'projection') return `The model keeps one component; the dots are placed by the first two principal components of its ${features} features, fitted on the rows drawn.`;
  return `Each dot is a row, placed by the first two principal components of the model’s ${features} input features (fitted on the rows drawn). It is a view for the eye: the clusters were found in all ${features} dimensions, so groups that overlap here may be apart in the others.`;
}

/** The "Colour by" select: the clusters, nothing, or any column of the loaded data. */
function ColourBySelect({ clustering, value }: { clustering: boolean; value: ColourBy }) {
  const id = useId();
  const columns = useStudio((s) => s.dataset.result?.profile.columns);
  const selected = value === 'cluster' ? 'cluster' : value ? `column:${value.column}` : '';
  const choose = (v: string) => void setColourBy(v === 'cluster' ? 'cluster' : v ? { column: v.slice('column:'.length) } : null);
  return (
    <div className="colour-by">
      <label htmlFor={id}>Colour by</label>
      <select id={id} value={selected} onChange={(e) => choose(e.target.value)}>
        {clustering ? <option value="cluster">Cluster</option> : null}
        <option value="">No colour</option>
        {columns?.length ? (
          <optgroup label="A column of the data">
            {columns.map((c) => (
              <option key={c.name} value={`column:${c.name}`}>
                {c.name} ({c.type})
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </div>
  );
}
