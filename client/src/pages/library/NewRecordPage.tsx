/**
 * /library/new: write a record directly, or (with ?request=<id>) draft a lesson from a closed expert
 * request. The structured form: the texts, themes, regions, language and label (GREEN by default, or
 * CLEAR). Refusals come back per field and are shown beside the field; nothing written is lost. A saved
 * draft opens on its own page, where the automatic checks and the review are shown.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { queryClient } from '../../data/queryClient.js';
import { errorRefusal } from '../../errors/refusal.js';
import { hubName } from '../../format.js';
import { useHubs } from '../../hooks/useHubs.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, navigate, useLocation } from '../../router.js';
import { createRecord, libraryKeys, type NewRecordInput } from './libraryApi.js';
import {
  CheckboxGroup,
  fieldErrorsOf,
  LabelChoice,
  missingTexts,
  TextFields,
  textsToSend,
  textValues,
  type TextValues,
} from './RecordFields.js';
import { LANGUAGE_CODES, LIBRARY_THEMES, languageName } from './vocabulary.js';

const REQUEST_ID = /^[a-f0-9]{24}$/;

/** The page. */
export function NewRecordPage() {
  const { t, i18n } = useTranslation();
  const reader = i18n.resolvedLanguage ?? 'en';
  usePageTitle(t('library.form.newHeading'));
  const { query } = useLocation();
  const requested = query.get('request');
  const fromRequest = requested && REQUEST_ID.test(requested) ? requested : null;
  const hubs = useHubs();
  const [texts, setTexts] = useState<TextValues>(textValues());
  const [themes, setThemes] = useState<string[]>([]);
  const [regions, setRegions] = useState<string[]>([]);
  const [language, setLanguage] = useState<string>(
    (LANGUAGE_CODES as readonly string[]).includes(reader) ? reader : '',
  );
  const [label, setLabel] = useState<'GREEN' | 'CLEAR'>('GREEN');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [sending, setSending] = useState(false);

  const toggle = (list: string[], set: (next: string[]) => void, value: string, on: boolean) =>
    set(on ? [...list, value] : list.filter((v) => v !== value));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = missingTexts(texts, t);
    if (themes.length < 1 || themes.length > 5) local.themes = t('library.form.errors.themes');
    if (!language) local.language = t('library.form.errors.language');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setAlert(alertMessage(t('library.form.fix')));
      return;
    }
    const input: NewRecordInput = {
      ...textsToSend(texts),
      themes: themes as NewRecordInput['themes'],
      regions,
      language,
      label,
      ...(fromRequest ? { fromRequest } : {}),
    };
    setSending(true);
    try {
      const record = await createRecord(input);
      queryClient.setQueryData(libraryKeys.one(record.id, false), record);
      void queryClient.invalidateQueries({ queryKey: ['library', 'list'] });
      navigate(`/library/${record.id}`);
    } catch (error) {
      setErrors(fieldErrorsOf(error, t));
      setAlert(alertMessage(errorRefusal(error, t)));
      setSending(false);
    }
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
        <FormField
          id="library-new-language"
          label={t('library.fields.language')}
          error={errors.language}
          required
        >
          {(control) => (
            <select {...control} value={language} onChange={(e) => setLanguage(e.target.value)}>
              <option value="">{t('library.fields.chooseLanguage')}</option>
              {LANGUAGE_CODES.map((code) => (
                <option key={code} value={code}>
                  {languageName(code, reader)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <TextFields
          prefix="library-new"
          values={texts}
          errors={errors}
          language={language || undefined}
          onChange={(field, value) => setTexts((known) => ({ ...known, [field]: value }))}
        />
        <CheckboxGroup
          id="library-new-themes"
          legend={t('library.fields.themes')}
          error={errors.themes}
          options={LIBRARY_THEMES.map((v) => ({ value: v, label: t(`library.themes.${v}`) }))}
          chosen={themes}
          onToggle={(value, on) => toggle(themes, setThemes, value, on)}
          required
        />
        {hubs.state === 'ready' && hubs.data.length > 0 && (
          <CheckboxGroup
            id="library-new-regions"
            legend={t('library.fields.regions')}
            error={errors.regions}
            options={hubs.data.map((hub) => ({ value: hub.slug, label: hubName(hub, reader) }))}
            chosen={regions}
            onToggle={(value, on) => toggle(regions, setRegions, value, on)}
          />
        )}
        <LabelChoice id="library-new-label" value={label} error={errors.label} onChange={setLabel} />
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
