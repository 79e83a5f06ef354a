import { useId } from 'react';
import { paramShown, type ParamSchema, type ParamSpec } from '../../core/params';

/**
 * A form drawn from a parameter schema: one labelled control per parameter with its help text.
 * Values not set fall back to the schema's defaults.
 */
export function SchemaForm({
  schema,
  values,
  onChange,
  skip = [],
  disabled,
}: {
  schema: ParamSchema;
  values: Readonly<Record<string, unknown>>;
  onChange: (key: string, value: unknown) => void;
  skip?: readonly string[];
  disabled?: boolean;
}) {
  return (
    <div className="schema-form">
      {Object.entries(schema)
        .filter(([key]) => !skip.includes(key) && paramShown(schema, key, values))
        .map(([key, spec]) => (
          <Field key={key} spec={spec} value={values[key] ?? spec.default} onChange={(v) => onChange(key, v)} disabled={disabled} />
        ))}
    </div>
  );
}

function Field({ spec, value, onChange, disabled }: { spec: ParamSpec; value: unknown; onChange: (v: unknown) => void; disabled?: boolean }) {
  const id = useId();
  const helpId = `${id}-help`;
  let control;
  switch (spec.type) {
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
    case 'boolean':
      control = <input id={id} type="checkbox" aria-describedby={helpId} checked={Boolean(value)} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />;
      break;
    case 'columns':
    case 'kinds':
      return null;
  }
  return (
    <div className={`field${spec.type === 'boolean' ? ' field-check' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
      {control}
      <p id={helpId} className="help">
        {spec.help}
      </p>
    </div>
  );
}
