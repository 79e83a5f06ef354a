import type { ParamSchema, RawParams } from '../../core/params';
import type { FormulaPreviewResult } from '../../core/prep/formulaPreviewAdapter';
import type { StepPreview } from '../../core/prep/recipePreview';
import { POLYNOMIAL_COLUMN_LIMIT, polynomialColumnCount } from './polynomialCount';
import { RfeChart } from './RfeChart';

/**
 * What a step's form shows beyond its parameters, from the preview of the recipe on a sample:
 * the polynomial step's column count before it runs, and the first values of the columns a step
 * makes (a formula's new column as the person types).
 */
export function StepExtras({ step, schema, params, preview }: { step: string; schema: ParamSchema; params: RawParams; preview: StepPreview | null }) {
  const first = preview?.firstValues ?? [];
  return (
    <>
      {step === 'polynomial' && preview ? <PolynomialCount schema={schema} params={params} preview={preview} /> : null}
      {preview?.rfe && !preview.error ? <RfeChart curve={preview.rfe} /> : null}
      {preview?.formula ? <FormulaPreview result={preview.formula} expression={String(params.expression ?? '')} name={String(params.name ?? 'the new column')} /> : null}
      {first.length && !preview?.error && !preview?.formula ? (
        <div className="first-values" aria-live="polite">
          <p className="small muted">First rows of the new column{first.length > 1 ? 's' : ''}:</p>
          <ul>
            {first.map((f, i) => (
              <li key={f.column}>
                <span className="col-name">{f.column}</span> {f.values.map((v) => v || '(missing)').join(', ')}
                {i === first.length - 1 && (preview?.made.length ?? 0) > first.length ? ` … and ${(preview?.made.length ?? 0) - first.length} more columns` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/** "Makes 10 columns from 4 numeric columns": the count from the columns the step receives on the sample, chosen as the step chooses them. */
function PolynomialCount({ schema, params, preview }: { schema: ParamSchema; params: RawParams; preview: StepPreview }) {
  const chosen = (params.columns as string[] | undefined) ?? [];
  const kindsSpec = schema.kinds;
  const handled: readonly string[] = kindsSpec?.type === 'kinds' ? kindsSpec.options : ['numeric'];
  const kinds = (params.kinds as string[] | undefined)?.length ? (params.kinds as string[]) : handled;
  const numeric = preview.inputs.filter((c) => kinds.includes(c.kind) && (!chosen.length || chosen.includes(c.name)));
  const degree = typeof params.degree === 'number' ? params.degree : 2;
  const count = polynomialColumnCount(numeric.length, degree, params.interactionOnly === true);
  const over = count > POLYNOMIAL_COLUMN_LIMIT;
  return (
    <p className={`small poly-count${over ? ' step-error' : ''}`} aria-live="polite">
      Makes <strong>{count.toLocaleString('en-US')}</strong> column{count === 1 ? '' : 's'} (the originals included) from {numeric.length} column{numeric.length === 1 ? '' : 's'}
      {over ? `: more than the ${POLYNOMIAL_COLUMN_LIMIT.toLocaleString('en-US')} allowed. Choose fewer columns, a lower degree, or interactions only.` : '.'}
    </p>
  );
}

/** A formula's first values as the person types, or its mistake with the part of the expression at fault underlined (the message itself is shown under the step's row). */
function FormulaPreview({ result, expression, name }: { result: FormulaPreviewResult; expression: string; name: string }) {
  if (result.ok) {
    return (
      <p className="first-values small" aria-live="polite">
        First rows of <span className="col-name">{name}</span>: {result.values.map((v) => (v === null ? '(missing)' : typeof v === 'number' ? String(Number(v.toPrecision(6))) : v)).join(', ')}
      </p>
    );
  }
  const at = Math.max(0, Math.min(result.at, expression.length));
  const to = Math.max(at, Math.min(result.to, expression.length));
  return (
    <div className="formula-mistake small" aria-live="polite">
      <code>
        {expression.slice(0, at)}
        <mark>{expression.slice(at, to) || ' '}</mark>
        {expression.slice(to)}
      </code>
      <p className="visually-hidden">{result.message}</p>
    </div>
  );
}
