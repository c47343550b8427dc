/**
 * A list's filter form: a search landmark named by its legend, one fieldset with the filters and the
 * button that applies them (filters apply on the button, not on each change).
 */
import type { FormEvent, ReactNode } from 'react';

/** Props of {@link FilterForm}. */
export interface FilterFormProps {
  /** The page's class for the form. */
  className: string;
  /** Names the search landmark and the fieldset. */
  legend: string;
  applyLabel: string;
  onApply: () => void;
  children: ReactNode;
}

/** The form around the filters. */
export function FilterForm({ className, legend, applyLabel, onApply, children }: FilterFormProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply();
  };
  return (
    <form className={className} onSubmit={submit} role="search" aria-label={legend}>
      <fieldset>
        <legend>{legend}</legend>
        {children}
        <button type="submit" className="button">
          {applyLabel}
        </button>
      </fieldset>
    </form>
  );
}
