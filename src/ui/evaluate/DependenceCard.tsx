import { useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dependence } from '../../core/explain/dependence';
import { measureDependence } from '../../state/modelReading';
import type { SupervisedModelSummary } from '../../workers/protocol';
import { ProgressBar } from '../components/ProgressBar';
import { RequestNotes } from '../components/RequestNotes';
import { useOnRequest } from '../components/useOnRequest';
import { fmt } from '../format';
import { ChartFigure } from '../charts/ChartFigure';

type Result = Dependence & { readonly on: string };

/** The ICE lines drawn at most (the rest still count in the average). */
const ICE_DRAWN = 30;

/**
 * Partial dependence and ICE on request: pick a column, and see how the prediction moves as that
 * column alone is changed — thin lines for single rows, the thick line their average. Keyed by
 * model, so a new model starts without a drawing.
 */
export function DependenceCard({ current }: { current: SupervisedModelSummary }) {
  // Dates and free text have no grid to move along.
  const columns = current.inputSchema.filter((c) => c.kind === 'numeric' || c.kind === 'categorical' || c.kind === 'boolean').map((c) => c.name);
  const importance = current.importance?.map((f) => f.source) ?? [];
  const { running, result, start, blocked, describedBy } = useOnRequest<Result, [string]>('dependence', measureDependence);
  // The column drawn (back from another step), else the most important one, as the one to look at.
  const [column, setColumn] = useState(result?.column ?? importance.find((c) => columns.includes(c)) ?? columns[0] ?? '');
  const classes = current.report.classes;
  const [output, setOutput] = useState(classes.length === 2 ? 1 : 0);
  return (
    <div className="card">
      <h3 id="dependence-title">Partial dependence</h3>
      <p className="help">How the prediction moves when one column alone is changed and every other column of each row is kept: each thin line is one row (ICE), the thick line their average (partial dependence). Parallel lines mean the column acts on its own; crossing lines mean it acts together with others.</p>
      <div className="actions">
        <label htmlFor="dependence-column">Column</label>
        <select id="dependence-column" value={column} onChange={(e) => setColumn(e.target.value)} disabled={running}>
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        {classes.length > 1 ? (
          <>
            <label htmlFor="dependence-class">Probability of</label>
            <select id="dependence-class" value={output} onChange={(e) => setOutput(Number(e.target.value))}>
              {classes.map((c, k) => (
                <option key={c} value={k}>
                  {c}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <button type="button" onClick={() => start(column)} disabled={running || !column || blocked !== null} aria-describedby={describedBy}>
          Draw partial dependence
        </button>
      </div>
      <RequestNotes readingKey="dependence" />
      {running ? <ProgressBar label="Predicting every row at every value" /> : null}
      {result ? <DependenceChart result={result} output={Math.min(output, result.outputs.length - 1)} /> : null}
    </div>
  );
}

function DependenceChart({ result, output }: { result: Result; output: number }) {
  const what = result.scale === 'probability' ? `probability of “${result.outputs[output]}”` : `predicted ${result.outputs[0]}`;
  const ice = result.ice.slice(0, ICE_DRAWN);
  const numeric = result.kind === 'numeric' && result.values;
  const data = result.grid.map((label, g) => ({
    x: numeric ? result.values![g] : label,
    pdp: result.pdp[output][g],
    ...Object.fromEntries(ice.map((line, r) => [`ice${r}`, line.values[output][g]])),
  }));
  const pdp = result.pdp[output];
  return (
    <>
      <ChartFigure
        label={`Partial dependence of the ${what} on ${result.column}: ${result.grid.map((g, i) => `${g}: ${fmt(pdp[i])}`).join('; ')}`}
        name={`Partial dependence on ${result.column}`}
        caption={`The ${what} against ${result.column}, averaged over ${result.rows.toLocaleString('en')} of the ${result.on} (thick line), and ${ice.length} of those rows one by one (thin lines).`}
        table={{ columns: [result.column, `average ${what}`], rows: result.grid.map((g, i) => [g, pdp[i]]) }}
      >
        <ResponsiveContainer width="100%" height={280}>
          <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            {numeric ? (
              <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} tickFormatter={fmt} tick={{ fontSize: 12 }} label={{ value: result.column, position: 'insideBottom', offset: -10 }} />
            ) : (
              <XAxis dataKey="x" type="category" tick={{ fontSize: 12 }} label={{ value: result.column, position: 'insideBottom', offset: -10 }} />
            )}
            <YAxis domain={result.scale === 'probability' ? [0, 1] : ['auto', 'auto']} tickFormatter={fmt} width={64} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v, name) => [fmt(Number(v)), name === 'pdp' ? 'average' : 'one row']} />
            {ice.map((_, r) => (
              <Line key={r} dataKey={`ice${r}`} stroke="#9aa89f" strokeOpacity={0.5} strokeWidth={1} dot={false} isAnimationActive={false} />
            ))}
            <Line dataKey="pdp" stroke="var(--orange)" strokeWidth={3} dot={!numeric} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </ChartFigure>
      <p className="fit-reading">{result.reading}</p>
    </>
  );
}
