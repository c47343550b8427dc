/**
 * The alert at the top of the form after a refused submission: what went wrong overall (the
 * server's `detail`, or a translated reason) and a link to each field that needs attention.
 */
import type { MouseEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { inputId, type FieldName } from './applicationModel.js';

/** One field to fix: its label and the message shown beside it. */
export interface SummaryItem {
  field: FieldName;
  label: string;
  message: string;
}

/** Props of {@link ErrorSummary}. */
export interface ErrorSummaryProps {
  title: string;
  /** A translated explanation. */
  text?: string | undefined;
  /** The server's own words (the API answers in English). */
  detail?: string | undefined;
  items: SummaryItem[];
  /** Messages the server gave for parts of the request that no input stands for. */
  otherErrors: { path: string; message: string }[];
  ref?: Ref<HTMLDivElement>;
}

function focusField(event: MouseEvent<HTMLAnchorElement>, field: FieldName) {
  const input = document.getElementById(inputId(field));
  if (!input) return;
  event.preventDefault();
  input.focus();
}

/** A focusable alert region listing the problems; the parent focuses it after a failed submit. */
export function ErrorSummary({ title, text, detail, items, otherErrors, ref }: ErrorSummaryProps) {
  const { t } = useTranslation();
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title}</h2>
      {text && <p>{text}</p>}
      {detail && (
        <p lang="en" className="error-summary__detail">
          {detail}
        </p>
      )}
      {(items.length > 0 || otherErrors.length > 0) && (
        <ul>
          {items.map((item) => (
            <li key={item.field}>
              <a href={`#${inputId(item.field)}`} onClick={(event) => focusField(event, item.field)}>
                {t('apply.summaryItem', { label: item.label, message: item.message })}
              </a>
            </li>
          ))}
          {otherErrors.map((error, index) => (
            <li key={`${index}:${error.path}`} lang="en">
              {error.path}: {error.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
