/**
 * The review part of a record's page, for members: who wrote it and where it came from, what the
 * automatic checks found (in words), the approvals given and still missing, and the controls the
 * server's `review.abilities` allow: the principle-3 checklist with Submit and Approve, the draft's edit
 * form, a translation form and "Mark as peer-reviewed". Every outcome is said in a live region.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { FieldsetError } from '../../components/CheckboxGroup.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { queryClient } from '../../data/queryClient.js';
import { errorRefusal } from '../../errors/refusal.js';
import { formatDate } from '../../format.js';
import {
  approveRecord,
  libraryKeys,
  peerReviewRecord,
  submitRecord,
  translateRecord,
  updateRecord,
  type FindingView,
  type RecordUpdateInput,
  type RecordView,
} from './libraryApi.js';
import { LanguageSelect } from './LanguageSelect.js';
import { draftErrors, RecordDraftFields, type RecordDraft } from './RecordDraftFields.js';
import { missingTexts, TextFields, textsToSend, textValues, type TextValues } from './RecordFields.js';
import { useRecordForm } from './useRecordForm.js';
import { LANGUAGE_CODES, languageName } from './vocabulary.js';

type Review = NonNullable<RecordView['review']>;

/** Stores the server's answer as the record's cached copy and refreshes the lists. */
function remember(record: RecordView): void {
  queryClient.setQueryData(libraryKeys.one(record.id, false), record);
  void queryClient.invalidateQueries({ queryKey: ['library', 'list'] });
}

/** The panel. */
export function ReviewPanel({ record, review }: { record: RecordView; review: Review }) {
  const { t } = useTranslation();
  const [said, setSaid] = useState('');
  const done = (next: RecordView, message: string) => {
    remember(next);
    setSaid(message);
  };
  const { abilities } = review;
  return (
    <section className="library-review" aria-labelledby="library-review-heading">
      <h2 id="library-review-heading">{t('library.review.heading')}</h2>
      <StatusMessage className="status library-said">{said}</StatusMessage>
      {review.author && <p>{t('library.record.writtenBy', { name: review.author.name })}</p>}
      {review.fromRequest && <p>{t('library.record.fromRequest')}</p>}
      {review.sanitise && <p className="notice">{t('library.record.sanitise')}</p>}
      <Findings findings={review.findings} headingLevel={3} />
      <Approvals review={review} />
      {(abilities.submit || abilities.approve) && (
        <ChecklistForm
          key={`${record.stage}-${review.approvals.length}`}
          record={record}
          review={review}
          onDone={done}
        />
      )}
      {abilities.edit && record.stage === 'draft' && (
        <EditForm key={record.texts[0]?.title} record={record} onDone={done} />
      )}
      {abilities.translate && <TranslationForm record={record} onDone={done} />}
      {abilities.peerReview && record.status !== 'peer_reviewed' && (
        <PeerReview record={record} onDone={done} />
      )}
    </section>
  );
}

/** What the automatic checks found, in words. */
function Findings({ findings, headingLevel }: { findings: FindingView[]; headingLevel: 3 | 4 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <section aria-labelledby="library-findings-heading" className="library-findings">
      <Heading id="library-findings-heading">{t('library.review.findingsHeading')}</Heading>
      {findings.length === 0 ? (
        <p>{t('library.review.noFindings')}</p>
      ) : (
        <>
          <p>{t('library.review.findingsIntro')}</p>
          <FindingList findings={findings} />
        </>
      )}
    </section>
  );
}

/** The findings as a list. */
function FindingList({ findings }: { findings: FindingView[] }) {
  const { t, i18n } = useTranslation();
  const reader = i18n.resolvedLanguage ?? 'en';
  // `problem`, or `fr.problem` for a translation's field.
  const fieldName = (field: string) => {
    const parts = field.split('.');
    const last = parts.pop() ?? field;
    const key = ['title', 'summary'].includes(last)
      ? `library.fields.${last}`
      : `library.record.sections.${last}`;
    const name = t(key, { defaultValue: last });
    return parts.length === 1 && parts[0] ? `${name} (${languageName(parts[0], reader)})` : name;
  };
  return (
    <ul className="library-finding-list">
      {findings.map((finding, index) => (
        <li key={index}>
          {t('library.review.finding', {
            kind: t(`library.review.kinds.${finding.kind}`, { defaultValue: finding.kind }),
            field: fieldName(finding.field),
            text: finding.text,
            interpolation: { escapeValue: false },
          })}
        </li>
      ))}
    </ul>
  );
}

/** The approvals given and those still missing. */
function Approvals({ review }: { review: Review }) {
  const { t, i18n } = useTranslation();
  const reader = i18n.resolvedLanguage ?? 'en';
  const role = (as: string) => t(`library.review.roles.${as}`);
  // ["editor", "editor"] reads "two Management Unit editors".
  const missingWords = (missing: string[]) =>
    [...new Set(missing)]
      .map((as) =>
        missing.filter((m) => m === as).length > 1 ? t(`library.review.rolesTwo.${as}`) : role(as),
      )
      .join(', ');
  return (
    <section aria-labelledby="library-approvals-heading">
      <h3 id="library-approvals-heading">{t('library.review.approvalsHeading')}</h3>
      {review.approvals.length === 0 ? (
        <p>{t('library.review.noApprovals')}</p>
      ) : (
        <ul>
          {review.approvals.map((approval, index) => (
            <li key={index}>
              {approval.by
                ? t('library.review.approvedBy', {
                    role: role(approval.as),
                    by: approval.by,
                    date: formatDate(approval.at, reader),
                  })
                : t('library.review.approvedByUnknown', {
                    role: role(approval.as),
                    date: formatDate(approval.at, reader),
                  })}
            </li>
          ))}
        </ul>
      )}
      <p className="library-missing">
        {review.missing.length === 0
          ? t('library.review.noneMissing')
          : t('library.review.missing', { roles: missingWords(review.missing) })}
      </p>
    </section>
  );
}

/**
 * The findings a `findings_remain` refusal carries: an array in `params.findings` (possibly as JSON),
 * else its field errors (`{ path: field, message: "kind: text" }`).
 */
function findingsOf(error: unknown): FindingView[] {
  if (!(error instanceof ApiError)) return [];
  const fromFields = error.fieldErrors().map((e) => {
    const colon = e.message.indexOf(':');
    return colon > 0
      ? {
          kind: e.message.slice(0, colon).trim() as FindingView['kind'],
          field: e.path,
          text: e.message.slice(colon + 1).trim(),
        }
      : null;
  });
  const raw: unknown = (error.problem.params as Record<string, unknown> | undefined)?.findings;
  let list: unknown = raw;
  if (typeof raw === 'string') {
    try {
      list = JSON.parse(raw);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return fromFields.filter((f): f is FindingView => f !== null);
  return list.filter(
    (f): f is FindingView =>
      typeof f === 'object' && f !== null && typeof (f as FindingView).kind === 'string',
  );
}

const CHECKS = ['noGroupTargeting', 'noPersonalData', 'placesChecked'] as const;

/** The principle-3 checklist with Submit (the writer) and Approve (the approvers). */
function ChecklistForm({
  record,
  review,
  onDone,
}: {
  record: RecordView;
  review: Review;
  onDone: (record: RecordView, message: string) => void;
}) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [note, setNote] = useState('');
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [listed, setListed] = useState<FindingView[]>([]);
  const [invalid, setInvalid] = useState(false);
  const [sending, setSending] = useState<'submit' | 'approve' | null>(null);
  const { abilities } = review;

  const run = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const action: 'submit' | 'approve' =
      submitter?.value === 'approve' || !abilities.submit ? 'approve' : 'submit';
    setListed([]);
    if (!CHECKS.every((check) => checked[check])) {
      setInvalid(true);
      setAlert(alertMessage(t('library.review.confirmAll')));
      return;
    }
    setInvalid(false);
    const input = {
      checklist: { noGroupTargeting: true, noPersonalData: true, placesChecked: true } as const,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    setSending(action);
    try {
      const next =
        action === 'submit' ? await submitRecord(record.id, input) : await approveRecord(record.id, input);
      setAlert(null);
      onDone(
        next,
        next.stage === 'published'
          ? t('library.review.published')
          : t(action === 'submit' ? 'library.review.submitted' : 'library.review.approved'),
      );
    } catch (error) {
      const code = error instanceof ApiError ? error.problem.code : undefined;
      if (code === 'findings_remain') {
        setListed(findingsOf(error));
        setAlert(alertMessage(t('library.review.findingsRemain')));
        void queryClient.invalidateQueries({ queryKey: libraryKeys.one(record.id, false) });
      } else if (code === 'approval_not_yours') {
        setAlert(alertMessage(t('library.review.approvalNotYours')));
      } else {
        if (error instanceof ApiError && error.fieldErrors().some((e) => e.path.startsWith('checklist')))
          setInvalid(true);
        setAlert(alertMessage(errorRefusal(error, t)));
      }
    } finally {
      setSending(null);
    }
  };

  return (
    <form className="library-form library-checklist" onSubmit={(e) => void run(e)} noValidate>
      <FormAlert message={alert} id="library-checklist-alert" />
      {listed.length > 0 && <FindingList findings={listed} />}
      <fieldset
        className={invalid ? 'field field--invalid library-choices' : 'field library-choices'}
        aria-describedby={
          invalid ? 'library-checklist-hint library-checklist-error' : 'library-checklist-hint'
        }
      >
        <legend>{t('library.review.checklist')}</legend>
        <p id="library-checklist-hint" className="hint">
          {t('library.review.checklistHint')}
        </p>
        <FieldsetError
          id="library-checklist-error"
          error={invalid ? t('library.review.confirmAll') : undefined}
        />
        {CHECKS.map((check) => (
          <div key={check} className="library-choice">
            <input
              type="checkbox"
              id={`library-check-${check}`}
              required
              checked={checked[check] === true}
              onChange={(e) => setChecked((known) => ({ ...known, [check]: e.target.checked }))}
            />
            <label htmlFor={`library-check-${check}`}>{t(`library.review.${check}`)}</label>
          </div>
        ))}
      </fieldset>
      <FormField id="library-review-note" label={t('library.review.note')}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </FormField>
      <div className="form-actions">
        {abilities.submit && (
          <button type="submit" className="button" value="submit" disabled={sending !== null}>
            {sending === 'submit' ? t('library.review.submitting') : t('library.review.submit')}
          </button>
        )}
        {abilities.approve && (
          <button type="submit" className="button" value="approve" disabled={sending !== null}>
            {sending === 'approve' ? t('library.review.approving') : t('library.review.approve')}
          </button>
        )}
      </div>
    </form>
  );
}

/** Edits the draft's original text, themes, regions and label. */
function EditForm({
  record,
  onDone,
}: {
  record: RecordView;
  onDone: (record: RecordView, message: string) => void;
}) {
  const { t } = useTranslation();
  const original = record.texts[0];
  const [draft, setDraft] = useState<RecordDraft>({
    texts: textValues(original),
    themes: record.themes,
    regions: record.regions,
    label: record.label,
  });
  const { errors, alert, sending, send } = useRecordForm();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const input: RecordUpdateInput = {
      ...draft.texts,
      themes: draft.themes as RecordUpdateInput['themes'],
      regions: draft.regions,
      label: draft.label,
    };
    await send(draftErrors(draft, t), async () =>
      onDone(await updateRecord(record.id, input), t('library.edit.saved')),
    );
  };

  return (
    <section aria-labelledby="library-edit-heading">
      <h3 id="library-edit-heading">{t('library.edit.heading')}</h3>
      <p id="library-edit-intro">{t('library.edit.intro')}</p>
      <form
        className="library-form"
        onSubmit={(e) => void save(e)}
        noValidate
        aria-describedby="library-edit-intro"
      >
        <FormAlert message={alert} id="library-edit-alert" />
        <RecordDraftFields
          prefix="library-edit"
          draft={draft}
          errors={errors}
          language={original?.language}
          onChange={setDraft}
        />
        <SubmitButton sending={sending} busyLabel={t('library.edit.saving')}>
          {t('library.edit.save')}
        </SubmitButton>
      </form>
    </section>
  );
}

/** Adds a translation, by a person or a machine. */
function TranslationForm({
  record,
  onDone,
}: {
  record: RecordView;
  onDone: (record: RecordView, message: string) => void;
}) {
  const { t } = useTranslation();
  const present = new Set(record.texts.map((x) => x.language));
  const offered = LANGUAGE_CODES.filter((code) => !present.has(code));
  const [language, setLanguage] = useState('');
  const [origin, setOrigin] = useState<'human' | 'machine'>('human');
  const [texts, setTexts] = useState<TextValues>(textValues());
  const { errors, alert, sending, send } = useRecordForm();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const local = missingTexts(texts, t);
    if (!language) local.language = t('library.form.errors.language');
    await send(local, async () => {
      const next = await translateRecord(record.id, { ...textsToSend(texts), language, origin });
      setTexts(textValues());
      setLanguage('');
      onDone(next, t('library.translate.saved'));
    });
  };

  return (
    <section aria-labelledby="library-translate-heading">
      <h3 id="library-translate-heading">{t('library.translate.heading')}</h3>
      <form className="library-form" onSubmit={(e) => void save(e)} noValidate>
        <FormAlert message={alert} id="library-translate-alert" />
        <LanguageSelect
          id="library-translate-language"
          label={t('library.translate.language')}
          error={errors.language}
          codes={offered}
          value={language}
          onChange={setLanguage}
        />
        <fieldset className="field library-choices">
          <legend>{t('library.translate.origin')}</legend>
          {(['human', 'machine'] as const).map((value) => (
            <div key={value} className="library-choice">
              <input
                type="radio"
                id={`library-translate-origin-${value}`}
                name="library-translate-origin"
                value={value}
                checked={origin === value}
                onChange={() => setOrigin(value)}
              />
              <label htmlFor={`library-translate-origin-${value}`}>{t(`library.translate.${value}`)}</label>
            </div>
          ))}
        </fieldset>
        <TextFields
          prefix="library-translate"
          values={texts}
          errors={errors}
          language={language || undefined}
          onChange={(field, value) => setTexts((known) => ({ ...known, [field]: value }))}
        />
        <SubmitButton sending={sending} busyLabel={t('library.translate.saving')}>
          {t('library.translate.save')}
        </SubmitButton>
      </form>
    </section>
  );
}

/** Marks a published record as peer-reviewed (editors). */
function PeerReview({
  record,
  onDone,
}: {
  record: RecordView;
  onDone: (record: RecordView, message: string) => void;
}) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [sending, setSending] = useState(false);
  const mark = async () => {
    setSending(true);
    try {
      const next = await peerReviewRecord(record.id);
      setAlert(null);
      onDone(next, t('library.peerReview.done'));
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
    } finally {
      setSending(false);
    }
  };
  return (
    <section aria-labelledby="library-peer-heading">
      <h3 id="library-peer-heading">{t('library.peerReview.heading')}</h3>
      <p>{t('library.peerReview.intro')}</p>
      <FormAlert message={alert} id="library-peer-alert" />
      <button type="button" className="button" disabled={sending} onClick={() => void mark()}>
        {sending ? t('library.peerReview.marking') : t('library.peerReview.mark')}
      </button>
    </section>
  );
}
