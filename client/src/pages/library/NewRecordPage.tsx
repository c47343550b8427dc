/**
 * /library/new: write a record directly, or (with ?request=<id>) draft a lesson from a closed expert
 * request. The structured form: the texts, themes, regions, language and label (GREEN by default, or
 * CLEAR). Refusals come back per field and are shown beside the field; nothing written is lost. A saved
 * draft opens on its own page, where the automatic checks and the review are shown.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { queryClient } from '../../data/queryClient.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, navigate, useLocation } from '../../router.js';
import { LanguageSelect } from './LanguageSelect.js';
import { createRecord, libraryKeys, type NewRecordInput } from './libraryApi.js';
import { draftErrors, RecordDraftFields, type RecordDraft } from './RecordDraftFields.js';
import { textsToSend, textValues } from './RecordFields.js';
import { useRecordForm } from './useRecordForm.js';
import { LANGUAGE_CODES } from './vocabulary.js';

const REQUEST_ID = /^[a-f0-9]{24}$/;

/** The page. */
export function NewRecordPage() {
  const { t, i18n } = useTranslation();
  const reader = i18n.resolvedLanguage ?? 'en';
  usePageTitle(t('library.form.newHeading'));
  const { query } = useLocation();
  const requested = query.get('request');
  const fromRequest = requested && REQUEST_ID.test(requested) ? requested : null;
  const [draft, setDraft] = useState<RecordDraft>({
    texts: textValues(),
    themes: [],
    regions: [],
    label: 'GREEN',
  });
  const [language, setLanguage] = useState<string>(
    (LANGUAGE_CODES as readonly string[]).includes(reader) ? reader : '',
  );
  const { errors, alert, sending, send } = useRecordForm();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = draftErrors(draft, t);
    if (!language) local.language = t('library.form.errors.language');
    const input: NewRecordInput = {
      ...textsToSend(draft.texts),
      themes: draft.themes as NewRecordInput['themes'],
      regions: draft.regions,
      language,
      label: draft.label,
      ...(fromRequest ? { fromRequest } : {}),
    };
    await send(
      local,
      async () => {
        const record = await createRecord(input);
        queryClient.setQueryData(libraryKeys.one(record.id, false), record);
        void queryClient.invalidateQueries({ queryKey: ['library', 'list'] });
        navigate(`/library/${record.id}`);
      },
      true,
    );
  };

  return (
    <section className="library-page">
      <h1>{t('library.form.newHeading')}</h1>
      <p id="library-new-intro">{t('library.form.intro')}</p>
      {fromRequest && <p className="notice">{t('library.form.fromRequest')}</p>}
      <form
        className="library-form"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-describedby="library-new-intro"
      >
        <FormAlert message={alert} id="library-new-alert" />
        <LanguageSelect
          id="library-new-language"
          label={t('library.fields.language')}
          error={errors.language}
          codes={LANGUAGE_CODES}
          value={language}
          onChange={setLanguage}
        />
        <RecordDraftFields
          prefix="library-new"
          draft={draft}
          errors={errors}
          language={language || undefined}
          onChange={setDraft}
        />
        <div className="form-actions">
          <SubmitButton sending={sending} busyLabel={t('library.form.creating')}>
            {t('library.form.create')}
          </SubmitButton>
          <Link to="/library">{t('library.form.cancel')}</Link>
        </div>
      </form>
    </section>
  );
}
