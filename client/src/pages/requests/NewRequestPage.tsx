/**
 * /requests/new: a city's request to the Expert Pool, from the template: title, problem, context,
 * topics, formats wanted, languages, urgency, deadline and label (AMBER unless chosen otherwise). A
 * refusal names the fields to fix next to them and in the alert; nothing typed is lost.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPERT_FORMATS, EXPERT_TOPICS, URGENCIES } from '../../../../shared/expertPool.js';
import { LABELS, type Label } from '../../../../shared/policy/labels.js';
import { ApiError } from '../../api.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { useLabelMeaning } from '../../components/LabelBadge.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { queryClient } from '../../data/queryClient.js';
import { errorRefusal } from '../../errors/refusal.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, navigate } from '../../router.js';
import { createRequest, requestKeys } from './requestsApi.js';
import { useRequestWords } from './requestWords.js';

/** The languages offered as checkboxes; others are typed as codes. */
const COMMON_LANGUAGES = ['en', 'fr', 'ar', 'es', 'pt', 'de'] as const;
const LANGUAGE_CODE = /^[a-z]{2}$/;
const MAX_TOPICS = 5;
const MAX_LANGUAGES = 5;

/** The fields of the template, in the order the form shows them. */
const FIELDS = [
  'title',
  'problem',
  'context',
  'topics',
  'formats',
  'languages',
  'urgency',
  'deadline',
  'label',
] as const;
type Field = (typeof FIELDS)[number];

/** The form's field named by a server error path (`body.topics.0` arrives as `topics.0`). */
function fieldOfPath(path: string): Field | null {
  const head = path.split('.')[0] ?? '';
  return (FIELDS as readonly string[]).includes(head) ? (head as Field) : null;
}

/** Today as YYYY-MM-DD in the person's time zone (the earliest deadline). */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The codes typed in the "other languages" field. */
function typedCodes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean);
}

/** The page. */
export function NewRequestPage() {
  const { t } = useTranslation();
  usePageTitle(t('requests.form.heading'));
  return (
    <section className="requests-page">
      <p className="breadcrumb">
        <Link to="/requests">{t('requests.list.heading')}</Link>
      </p>
      <h1>{t('requests.form.heading')}</h1>
      <p className="lead" id="new-request-intro">
        {t('requests.form.intro')}
      </p>
      <NewRequestForm />
    </section>
  );
}

function NewRequestForm() {
  const { t } = useTranslation();
  const words = useRequestWords();
  const labelMeaning = useLabelMeaning();
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState('');
  const [context, setContext] = useState('');
  const [topics, setTopics] = useState<string[]>([]);
  const [formats, setFormats] = useState<string[]>([]);
  const [languages, setLanguages] = useState<string[]>([]);
  const [otherLanguages, setOtherLanguages] = useState('');
  const [urgency, setUrgency] = useState<string>('normal');
  const [deadline, setDeadline] = useState('');
  const [label, setLabel] = useState<Label>('AMBER');
  const [invalid, setInvalid] = useState<Set<Field>>(new Set());
  // Fields the server refused (its reasons are in the alert, in its own words).
  const [refused, setRefused] = useState<Set<Field>>(new Set());
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [sending, setSending] = useState(false);

  const toggle = (list: string[], set: (next: string[]) => void, value: string, on: boolean) =>
    set(on ? [...list, value] : list.filter((v) => v !== value));
  const allLanguages = [...new Set([...languages, ...typedCodes(otherLanguages)])];
  const errorOf = (field: Field) => {
    if (invalid.has(field))
      return t(`requests.form.errors.${field}`, { max: field === 'topics' ? MAX_TOPICS : MAX_LANGUAGES });
    return refused.has(field) ? t('requests.form.errors.refused') : undefined;
  };

  const localProblems = (): Field[] => {
    const found: Field[] = [];
    if (!title.trim()) found.push('title');
    if (!problem.trim()) found.push('problem');
    if (topics.length === 0 || topics.length > MAX_TOPICS) found.push('topics');
    if (formats.length === 0) found.push('formats');
    if (
      allLanguages.length === 0 ||
      allLanguages.length > MAX_LANGUAGES ||
      !allLanguages.every((code) => LANGUAGE_CODE.test(code))
    )
      found.push('languages');
    if (deadline && deadline < today()) found.push('deadline');
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const problems = localProblems();
    if (problems.length > 0) {
      setInvalid(new Set(problems));
      setRefused(new Set());
      setAlert(alertMessage(t('requests.form.fix')));
      return;
    }
    setInvalid(new Set());
    setRefused(new Set());
    setAlert(null);
    setSending(true);
    try {
      const created = await createRequest({
        title: title.trim(),
        problem,
        ...(context.trim() ? { context } : {}),
        topics: topics as never,
        formats: formats as never,
        languages: allLanguages,
        urgency: urgency as never,
        ...(deadline ? { deadline } : {}),
        label,
      });
      await queryClient.invalidateQueries({ queryKey: requestKeys.all() });
      navigate(`/requests/${created.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const fields = error
          .fieldErrors()
          .map((e) => fieldOfPath(e.path))
          .filter((f): f is Field => f !== null);
        setRefused(new Set(fields));
      }
      setAlert(alertMessage(errorRefusal(error, t)));
      setSending(false);
    }
  };

  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-describedby="new-request-intro"
      className="request-form"
    >
      <FormAlert message={alert} id="new-request-alert" />
      <FormField id="request-title" label={t('requests.fields.title')} error={errorOf('title')} required>
        {(control) => (
          <input
            {...control}
            type="text"
            dir="auto"
            maxLength={200}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </FormField>
      <FormField
        id="request-problem"
        label={t('requests.fields.problem')}
        hint={t('requests.form.problemHint')}
        error={errorOf('problem')}
        required
      >
        {(control) => (
          <textarea
            {...control}
            dir="auto"
            rows={6}
            maxLength={8000}
            value={problem}
            onChange={(e) => setProblem(e.target.value)}
          />
        )}
      </FormField>
      <FormField
        id="request-context"
        label={t('requests.fields.context')}
        hint={t('requests.form.contextHint')}
        error={errorOf('context')}
      >
        {(control) => (
          <textarea
            {...control}
            dir="auto"
            rows={4}
            maxLength={8000}
            value={context}
            onChange={(e) => setContext(e.target.value)}
          />
        )}
      </FormField>
      <Choices
        id="request-topics"
        legend={t('requests.fields.topics')}
        hint={t('requests.form.topicsHint', { max: MAX_TOPICS })}
        error={errorOf('topics')}
      >
        {EXPERT_TOPICS.map((topic) => (
          <Check
            key={topic}
            id={`request-topic-${topic}`}
            label={words.topic(topic)}
            checked={topics.includes(topic)}
            onChange={(on) => toggle(topics, setTopics, topic, on)}
          />
        ))}
      </Choices>
      <Choices
        id="request-formats"
        legend={t('requests.fields.formats')}
        hint={t('requests.form.formatsHint')}
        error={errorOf('formats')}
      >
        {EXPERT_FORMATS.map((format) => (
          <Check
            key={format}
            id={`request-format-${format}`}
            label={words.format(format)}
            checked={formats.includes(format)}
            onChange={(on) => toggle(formats, setFormats, format, on)}
          />
        ))}
      </Choices>
      <Choices
        id="request-languages"
        legend={t('requests.fields.languages')}
        hint={t('requests.form.languagesHint', { max: MAX_LANGUAGES })}
        error={errorOf('languages')}
      >
        {COMMON_LANGUAGES.map((code) => (
          <Check
            key={code}
            id={`request-language-${code}`}
            label={words.languageName(code)}
            checked={languages.includes(code)}
            onChange={(on) => toggle(languages, setLanguages, code, on)}
          />
        ))}
        <FormField
          id="request-other-languages"
          label={t('requests.form.otherLanguages')}
          hint={t('requests.form.otherLanguagesHint')}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              dir="ltr"
              autoCapitalize="none"
              spellCheck={false}
              value={otherLanguages}
              onChange={(e) => setOtherLanguages(e.target.value)}
            />
          )}
        </FormField>
      </Choices>
      <FormField
        id="request-urgency"
        label={t('requests.fields.urgency')}
        error={errorOf('urgency')}
        required
      >
        {(control) => (
          <select {...control} value={urgency} onChange={(e) => setUrgency(e.target.value)}>
            {URGENCIES.map((u) => (
              <option key={u} value={u}>
                {words.urgency(u)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        id="request-deadline"
        label={t('requests.fields.deadline')}
        hint={t('requests.form.deadlineHint')}
        error={errorOf('deadline')}
      >
        {(control) => (
          <input
            {...control}
            type="date"
            min={today()}
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
          />
        )}
      </FormField>
      <FormField
        id="request-label"
        label={t('requests.fields.label')}
        hint={t('requests.form.labelHint')}
        error={errorOf('label')}
        required
      >
        {(control) => (
          <select
            {...control}
            value={label}
            onChange={(e) =>
              setLabel(
                (LABELS as readonly string[]).includes(e.target.value) ? (e.target.value as Label) : 'AMBER',
              )
            }
          >
            {LABELS.map((option) => (
              <option key={option} value={option}>
                {`TLP:${option} — ${labelMeaning(option)}`}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="form-actions">
        <SubmitButton sending={sending} busyLabel={t('requests.form.sending')}>
          {t('requests.form.submit')}
        </SubmitButton>
      </div>
    </form>
  );
}

/** A group of checkboxes with its legend, hint and error, tied to the group for screen readers. */
function Choices({
  id,
  legend,
  hint,
  error,
  children,
}: {
  id: string;
  legend: string;
  hint: string;
  error: string | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const describedBy = [error ? `${id}-error` : null, `${id}-hint`].filter(Boolean).join(' ');
  return (
    <fieldset
      id={id}
      className={error ? 'fieldset field request-fieldset--invalid' : 'fieldset field'}
      aria-describedby={describedBy}
    >
      <legend>{legend}</legend>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      )}
      <div className="request-choices">{children}</div>
    </fieldset>
  );
}

/** One checkbox with its label. */
export function Check({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="checkbox">
      <input type="checkbox" id={id} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
