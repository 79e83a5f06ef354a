import { useId } from 'react';
import { paramShown, type ParamSchema, type ParamSpec } from '../../core/params';
import type { ColumnKind } from '../../core/table/column';

/** A column a `columns` parameter can pick: its name and kind. */
export interface PickableColumn {
  readonly name: string;
  readonly kind: ColumnKind;
}

/**
 * A form drawn from a parameter schema: one labelled control per parameter with its help text.
 * Values not set fall back to the schema's defaults. A `text` parameter is a text box; a `columns` parameter is drawn as checkboxes
 * of `columns` (the data's, or those a step receives), a `kinds` parameter as checkboxes of its kinds.
 */
export function SchemaForm({
  schema,
  values,
  onChange,
  skip = [],
  disabled,
  columns,
}: {
  schema: ParamSchema;
  values: Readonly<Record<string, unknown>>;
  onChange: (key: string, value: unknown) => void;
  skip?: readonly string[];
  disabled?: boolean;
  /** The columns a `columns` parameter offers; without them such a parameter is not drawn. */
  columns?: readonly PickableColumn[];
}) {
  return (
    <div className="schema-form">
      {Object.entries(schema)
        .filter(([key]) => !skip.includes(key) && paramShown(schema, key, values))
        .map(([key, spec]) => (
          <Field key={key} spec={spec} value={values[key] ?? spec.default} onChange={(v) => onChange(key, v)} disabled={disabled} columns={columns} />
        ))}
    </div>
  );
}

function Field({ spec, value, onChange, disabled, columns }: { spec: ParamSpec; value: unknown; onChange: (v: unknown) => void; disabled?: boolean; columns?: readonly PickableColumn[] }) {
  const id = useId();
  const helpId = `${id}-help`;
  let control;
  switch (spec.type) {
    case 'kinds':
      return <ChecksField label={spec.label} help={spec.help} options={spec.options.map((k) => ({ value: k, text: k }))} value={value as readonly string[]} onChange={onChange} disabled={disabled} />;
    case 'number':
      control = (
        <input
          id={id}
          type="number"
          aria-describedby={helpId}
          value={String(value)}
          min={spec.min}
          max={spec.max}
          step={spec.integer ? 1 : 'any'}
          disabled={disabled}
          onChange={(e) => {
            const v = e.target.valueAsNumber;
            if (Number.isFinite(v)) onChange(v);
          }}
        />
      );
      break;
    case 'choice':
      control = (
        <select id={id} aria-describedby={helpId} value={String(value)} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          {spec.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'text':
      control = <input id={id} type="text" aria-describedby={helpId} value={String(value)} maxLength={spec.maxLength} spellCheck={false} autoComplete="off" disabled={disabled} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'boolean':
      control = <input id={id} type="checkbox" aria-describedby={helpId} checked={Boolean(value)} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />;
      break;
    case 'columns':
      if (!columns) return null;
      return <ChecksField label={spec.label} help={spec.help} options={columns.map((c) => ({ value: c.name, text: c.name, kind: c.kind }))} value={value as readonly string[]} onChange={onChange} disabled={disabled} wide />;
  }
  return (
    // A long text (a formula's expression) takes the form's whole width.
    <div className={`field${spec.type === 'boolean' ? ' field-check' : ''}${spec.type === 'text' && spec.maxLength > 100 ? ' field-wide' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
      {control}
      <p id={helpId} className="help">
        {spec.help}
      </p>
    </div>
  );
}

/**
 * A set of values as checkboxes in a fieldset (a step's columns or kinds): none checked means the
 * parameter's default, every column (or kind) the step handles. A chosen value the options lack
 * (a column gone from the data) stays listed, so it can be unchecked.
 */
function ChecksField({ label, help, options, value, onChange, disabled, wide }: { label: string; help: string; options: readonly { value: string; text: string; kind?: string }[]; value: readonly string[]; onChange: (v: unknown) => void; disabled?: boolean; wide?: boolean }) {
  const helpId = `${useId()}-help`;
  const chosen = new Set(value);
  const shown = [...options, ...value.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, text: `${v} (not in the data here)` }))];
  const toggle = (v: string, on: boolean) => onChange(shown.map((o) => o.value).filter((x) => (x === v ? on : chosen.has(x))));
  return (
    <fieldset className={`field checks-field${wide ? ' checks-wide' : ''}`} aria-describedby={helpId}>
      <legend>
        {label} <span className="muted small">{chosen.size ? `(${chosen.size} chosen)` : '(all)'}</span>
      </legend>
      <div className="checks">
        {shown.map((o) => (
          <label key={o.value}>
            <input type="checkbox" checked={chosen.has(o.value)} disabled={disabled} onChange={(e) => toggle(o.value, e.target.checked)} />
            <span className="col-name">{o.text}</span>
            {'kind' in o && o.kind ? <span className={`type t-${String(o.kind)}`}>{String(o.kind)}</span> : null}
          </label>
        ))}
      </div>
      <p id={helpId} className="help">
        {help}
      </p>
    </fieldset>
  );
}
