/**
 * The membership application form. It checks only what is missing before sending; everything else
 * is the server's call, and its field errors are shown beside the matching inputs. Nothing typed is
 * ever cleared by an error, and the submit button is disabled while the application is on its way.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, apiPost } from '../../api.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { formatWait } from '../../format.js';
import type { ApplicationReceiptView } from '../../types.js';
import {
  EMPTY_APPLICATION,
  FIELD_ORDER,
  fieldOfPath,
  missingFields,
  toApplication,
} from './applicationModel.js';
import type { ApplicationValues, FieldName } from './applicationModel.js';
import { ApplicationFields } from './ApplicationFields.js';
import { ErrorSummary } from './ErrorSummary.js';
import { PrinciplesPledge } from './PrinciplesPledge.js';
import { SubmitButton } from '../../components/SubmitButton.js';

/** Why the last attempt did not go through. */
type Refusal =
  | { kind: 'missing' }
  | { kind: 'invalid'; detail: string | undefined; other: { path: string; message: string }[] }
  | { kind: 'rateLimited'; waitSeconds: number | null }
  | { kind: 'network' }
  | { kind: 'failed'; detail: string | undefined };

/** The translated explanation of a refusal. */
function refusalText(r: Refusal, t: TFunction, language: string): string {
  switch (r.kind) {
    case 'missing':
      return t('apply.missingText');
    case 'invalid':
      return t('apply.invalidText');
    case 'rateLimited':
      return r.waitSeconds === null
        ? t('apply.rateLimitedLater')
        : t('apply.rateLimitedText', { when: formatWait(r.waitSeconds, language) });
    case 'network':
      return t('apply.networkText');
    case 'failed':
      return t('apply.failedText');
  }
}

/** The form; `onSubmitted` receives the server's receipt. */
export function ApplicationForm({ onSubmitted }: { onSubmitted: (receipt: ApplicationReceiptView) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const [values, setValues] = useState<ApplicationValues>(EMPTY_APPLICATION);
  const [invalid, setInvalid] = useState<ReadonlySet<FieldName>>(new Set());
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [attempts, setAttempts] = useState(0);
  const [sending, setSending] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  // After each refused attempt, take the person to the summary of what to fix.
  useEffect(() => {
    if (attempts > 0) summary.current?.focus();
  }, [attempts]);

  const change = <K extends FieldName>(field: K, value: ApplicationValues[K]) => {
    setValues((old) => ({ ...old, [field]: value }));
    if (invalid.has(field)) setInvalid((old) => new Set([...old].filter((f) => f !== field)));
  };

  const refuse = (next: Refusal, fields: Iterable<FieldName>) => {
    setRefusal(next);
    setInvalid(new Set(fields));
    setAttempts((n) => n + 1);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) return;
    const missing = missingFields(values);
    if (missing.length > 0) return refuse({ kind: 'missing' }, missing);
    setSending(true);
    try {
      const receipt = await apiPost<ApplicationReceiptView>('/applications', toApplication(values));
      onSubmitted(receipt);
    } catch (error) {
      if (!(error instanceof ApiError)) {
        console.error('The application could not be sent', error);
        refuse({ kind: 'failed', detail: undefined }, []);
      } else if (error.status === 0) refuse({ kind: 'network' }, []);
      else if (error.status === 429)
        refuse({ kind: 'rateLimited', waitSeconds: error.retryAfterSeconds }, []);
      else if (error.status === 400) {
        const fields: FieldName[] = [];
        const other: { path: string; message: string }[] = [];
        for (const fieldError of error.fieldErrors()) {
          const field = fieldOfPath(fieldError.path);
          if (field) fields.push(field);
          else other.push(fieldError);
        }
        refuse({ kind: 'invalid', detail: error.problem.detail, other }, fields);
      } else refuse({ kind: 'failed', detail: error.problem.detail }, []);
    } finally {
      setSending(false);
    }
  };

  const errorOf = (field: FieldName) => (invalid.has(field) ? t(`apply.errors.${field}`) : undefined);
  const summaryItems = FIELD_ORDER.filter((field) => invalid.has(field)).map((field) => ({
    field,
    label: t(`apply.fields.${field}`),
    message: t(`apply.errors.${field}`),
  }));

  return (
    <form className="application-form" noValidate onSubmit={(event) => void submit(event)}>
      {refusal && (
        <ErrorSummary
          ref={summary}
          title={refusal.kind === 'rateLimited' ? t('apply.rateLimitedTitle') : t('apply.errorTitle')}
          text={refusalText(refusal, t, language)}
          detail={refusal.kind === 'invalid' || refusal.kind === 'failed' ? refusal.detail : undefined}
          items={summaryItems}
          otherErrors={refusal.kind === 'invalid' ? refusal.other : []}
        />
      )}
      <ApplicationFields values={values} errorOf={errorOf} onChange={change} />
      <PrinciplesPledge
        checked={values.pledged}
        error={errorOf('pledged')}
        onChange={(checked) => change('pledged', checked)}
      />
      <div className="form-actions">
        <SubmitButton sending={sending} busyLabel={t('apply.sending')}>
          {t('apply.submit')}
        </SubmitButton>
        <StatusMessage className="status progress">{sending ? t('apply.sendingStatus') : ''}</StatusMessage>
      </div>
    </form>
  );
}
