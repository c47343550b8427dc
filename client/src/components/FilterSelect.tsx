/**
 * One filter of a list's filter form: a labelled select whose first option (empty value) means "any".
 */

/** Props of {@link FilterSelect}. */
export interface FilterSelectProps {
  id: string;
  label: string;
  /** The words of the empty first option ("Any"). */
  anyLabel: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  /** The page's class for the label and select's wrapper. */
  className: string;
}

/** The filter's label and select. */
export function FilterSelect({
  id,
  label,
  anyLabel,
  value,
  onChange,
  options,
  className,
}: FilterSelectProps) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
