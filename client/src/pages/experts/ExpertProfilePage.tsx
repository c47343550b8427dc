/**
 * /expert-profile: an expert keeps their profile (topics and formats as checkboxes, languages with a
 * proficiency each, regions, countries of experience, availability, time zone, load limit and declared
 * conflicts). The server's refusals come back per field and are shown beside the field; a save says so.
 * Changing topics, languages, formats, regions or conflicts clears the Management Unit's verification.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { CheckboxGroup, toggled } from '../../components/CheckboxGroup.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { queryClient } from '../../data/queryClient.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { errorRefusal } from '../../errors/refusal.js';
import { formatDate } from '../../format.js';
import { useHubOptions } from '../../hooks/useHubOptions.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import {
  expertKeys,
  fetchMyProfile,
  saveMyProfile,
  type ExpertInput,
  type ExpertView,
} from './expertsApi.js';
import {
  AVAILABILITIES,
  EXPERT_FORMATS,
  EXPERT_TOPICS,
  LANGUAGE_CODES,
  languageName,
  PROFICIENCIES,
  splitList,
  timeZones,
} from './vocabulary.js';

/** The page: my profile loaded, then the form. */
export function ExpertProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('experts.profile.heading'));
  const mine = useApiQuery(expertKeys.mine(), fetchMyProfile);
  return (
    <section className="experts-page">
      <h1>{t('experts.profile.heading')}</h1>
      {mine.state === 'loading' && <StatusMessage>{t('experts.loading')}</StatusMessage>}
      {mine.state === 'error' && <LoadError error={mine.error} onRetry={mine.retry} />}
      {mine.state === 'ready' && <ProfileForm profile={mine.data} />}
    </section>
  );
}

interface LanguageRow {
  key: number;
  code: string;
  proficiency: string;
}

/** The form's field of a server error path (`languages.0.code` -> `languages`, `conflicts.cities.1` -> `conflicts.cities`). */
function fieldOf(path: string): string {
  const [first, second] = path.split('.');
  return first === 'conflicts' && second ? `conflicts.${second}` : (first ?? '');
}

/** The translated message key of a form field's refusal (the server's words are the fallback). */
const INVALID_KEYS: Record<string, string> = {
  countries: 'countries',
  'conflicts.countries': 'conflictCountries',
  'conflicts.cities': 'conflictCities',
  'conflicts.organisations': 'conflictOrganisations',
  regions: 'regions',
  timeZone: 'timeZone',
  maxConcurrent: 'maxConcurrent',
  summary: 'summary',
};

let rowKeys = 0;

function ProfileForm({ profile }: { profile: ExpertView }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const hubOptions = useHubOptions();
  const [summary, setSummary] = useState(profile.summary);
  const [topics, setTopics] = useState<string[]>(profile.topics);
  const [formats, setFormats] = useState<string[]>(profile.formats);
  const [languages, setLanguages] = useState<LanguageRow[]>(
    profile.languages.length > 0
      ? profile.languages.map((l) => ({ key: ++rowKeys, code: l.code, proficiency: l.proficiency }))
      : [{ key: ++rowKeys, code: '', proficiency: 'working' }],
  );
  const [regions, setRegions] = useState<string[]>(profile.regions);
  const [countries, setCountries] = useState(profile.countries.join(', '));
  const [availability, setAvailability] = useState<string>(profile.availability);
  const [timeZone, setTimeZone] = useState(profile.timeZone ?? 'UTC');
  const [maxConcurrent, setMaxConcurrent] = useState(String(profile.maxConcurrent ?? 2));
  const [conflictCities, setConflictCities] = useState((profile.conflicts?.cities ?? []).join(', '));
  const [conflictCountries, setConflictCountries] = useState((profile.conflicts?.countries ?? []).join(', '));
  const [conflictOrgs, setConflictOrgs] = useState((profile.conflicts?.organisations ?? []).join('\n'));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [saved, setSaved] = useState<ExpertView | null>(null);
  const [sending, setSending] = useState(false);
  const zones = timeZones();

  const setRow = (key: number, change: Partial<LanguageRow>) =>
    setLanguages((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const rows = languages.filter((row) => row.code !== '');
    const local: Record<string, string> = {};
    if (topics.length === 0) local.topics = t('experts.profile.errors.topics');
    if (formats.length === 0) local.formats = t('experts.profile.errors.formats');
    if (rows.length === 0) local.languages = t('experts.profile.errors.languages');
    if (new Set(rows.map((r) => r.code)).size !== rows.length)
      local.languages = t('experts.profile.errors.languageTwice');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setAlert(alertMessage(t('experts.profile.fix')));
      return;
    }
    const input: ExpertInput = {
      summary,
      topics: topics as ExpertInput['topics'],
      languages: rows.map((r) => ({ code: r.code, proficiency: r.proficiency as 'working' })),
      regions,
      countries: splitList(countries, true),
      formats: formats as ExpertInput['formats'],
      availability: availability as ExpertInput['availability'],
      timeZone,
      maxConcurrent: Number(maxConcurrent),
      conflicts: {
        cities: splitList(conflictCities).map((c) => c.toLowerCase()),
        countries: splitList(conflictCountries, true),
        organisations: splitList(conflictOrgs.replace(/,/g, '\n')),
      },
    };
    setSending(true);
    try {
      const stored = await saveMyProfile(input);
      queryClient.setQueryData(expertKeys.mine(), stored);
      await queryClient.invalidateQueries({ queryKey: ['experts', 'list'] });
      setErrors({});
      setAlert(null);
      setSaved(stored);
    } catch (error) {
      const byField: Record<string, string> = {};
      if (error instanceof ApiError)
        for (const e of error.fieldErrors()) {
          const field = fieldOf(e.path);
          const key = INVALID_KEYS[field];
          byField[field] ??= key ? t(`experts.profile.invalid.${key}`) : e.message;
        }
      setErrors(byField);
      setAlert(alertMessage(errorRefusal(error, t)));
    } finally {
      setSending(false);
    }
  };

  const shown = saved ?? profile;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-describedby="expert-profile-intro">
      <p id="expert-profile-intro">{t('experts.profile.intro')}</p>
      <p className="expert-status">
        {shown.verified
          ? t('experts.profile.verifiedOn', {
              date: shown.verifiedAt ? formatDate(shown.verifiedAt, language) : '',
            })
          : t('experts.profile.notVerified')}{' '}
        {shown.clearance && (
          <>
            {t('experts.profile.clearance')} <LabelBadge label={shown.clearance} />
          </>
        )}
      </p>
      <FormAlert message={alert} id="expert-profile-alert" />
      <div role="status" className="expert-saved">
        {saved && (
          <p className="notice notice--success">
            {saved.verified ? t('experts.profile.saved') : t('experts.profile.savedUnverified')}{' '}
            <Link to={`/experts/${saved.person.id}`}>{t('experts.profile.seeInDirectory')}</Link>
          </p>
        )}
      </div>
      <FormField
        id="expert-summary"
        label={t('experts.profile.summary')}
        hint={t('experts.profile.summaryHint')}
        error={errors.summary}
      >
        {(control) => (
          <textarea
            {...control}
            rows={4}
            maxLength={2000}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
          />
        )}
      </FormField>

      <CheckboxGroup
        id="expert-topics"
        legend={t('experts.profile.topics')}
        error={errors.topics}
        options={EXPERT_TOPICS.map((v) => ({ value: v, label: t(`experts.topics.${v}`) }))}
        chosen={topics}
        onToggle={(value, on) => setTopics(toggled(topics, value, on))}
        className="expert-choices"
        choiceClassName="expert-choice"
        required
      />

      <fieldset
        className="field expert-languages"
        aria-describedby={errors.languages ? 'expert-languages-error' : undefined}
      >
        <legend>{t('experts.profile.languages')}</legend>
        {errors.languages && (
          <p id="expert-languages-error" className="field-error">
            <span className="visually-hidden">{t('form.errorPrefix')} </span>
            {errors.languages}
          </p>
        )}
        <ul className="expert-language-rows">
          {languages.map((row, index) => (
            <li key={row.key} className="expert-language-row">
              <label htmlFor={`expert-language-${row.key}`}>
                {t('experts.profile.language', { n: index + 1 })}
              </label>
              <select
                id={`expert-language-${row.key}`}
                value={row.code}
                onChange={(e) => setRow(row.key, { code: e.target.value })}
              >
                <option value="">{t('experts.profile.chooseLanguage')}</option>
                {LANGUAGE_CODES.map((code) => (
                  <option key={code} value={code}>
                    {languageName(code, language)}
                  </option>
                ))}
              </select>
              <label htmlFor={`expert-proficiency-${row.key}`}>
                {t('experts.profile.proficiency', { n: index + 1 })}
              </label>
              <select
                id={`expert-proficiency-${row.key}`}
                value={row.proficiency}
                onChange={(e) => setRow(row.key, { proficiency: e.target.value })}
              >
                {PROFICIENCIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`experts.proficiencies.${p}`)}
                  </option>
                ))}
              </select>
              {languages.length > 1 && (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setLanguages((rows) => rows.filter((r) => r.key !== row.key))}
                >
                  {t('experts.profile.removeLanguage', { n: index + 1 })}
                </button>
              )}
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            setLanguages((rows) => [...rows, { key: ++rowKeys, code: '', proficiency: 'working' }])
          }
        >
          {t('experts.profile.addLanguage')}
        </button>
      </fieldset>

      <CheckboxGroup
        id="expert-formats"
        legend={t('experts.profile.formats')}
        error={errors.formats}
        options={EXPERT_FORMATS.map((v) => ({ value: v, label: t(`experts.formats.${v}`) }))}
        chosen={formats}
        onToggle={(value, on) => setFormats(toggled(formats, value, on))}
        className="expert-choices"
        choiceClassName="expert-choice"
        required
      />

      {hubOptions && (
        <CheckboxGroup
          id="expert-regions"
          legend={t('experts.profile.regions')}
          error={errors.regions}
          options={hubOptions}
          chosen={regions}
          onToggle={(value, on) => setRegions(toggled(regions, value, on))}
          className="expert-choices"
          choiceClassName="expert-choice"
        />
      )}

      <FormField
        id="expert-countries"
        label={t('experts.profile.countries')}
        hint={t('experts.profile.countriesHint')}
        error={errors.countries}
      >
        {(control) => (
          <input {...control} type="text" value={countries} onChange={(e) => setCountries(e.target.value)} />
        )}
      </FormField>

      <fieldset className="field">
        <legend>{t('experts.profile.availability')}</legend>
        {AVAILABILITIES.map((a) => (
          <div key={a} className="expert-choice">
            <input
              type="radio"
              id={`expert-availability-${a}`}
              name="availability"
              value={a}
              checked={availability === a}
              onChange={() => setAvailability(a)}
            />
            <label htmlFor={`expert-availability-${a}`}>{t(`experts.availabilities.${a}`)}</label>
          </div>
        ))}
      </fieldset>

      <FormField id="expert-time-zone" label={t('experts.profile.timeZone')} error={errors.timeZone} required>
        {(control) => (
          <select {...control} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </FormField>

      <FormField
        id="expert-max-concurrent"
        label={t('experts.profile.maxConcurrent')}
        hint={t('experts.profile.maxConcurrentHint')}
        error={errors.maxConcurrent}
        required
      >
        {(control) => (
          <input
            {...control}
            type="number"
            min={1}
            max={10}
            step={1}
            value={maxConcurrent}
            onChange={(e) => setMaxConcurrent(e.target.value)}
          />
        )}
      </FormField>

      <fieldset className="field">
        <legend>{t('experts.profile.conflicts')}</legend>
        <p className="hint">{t('experts.profile.conflictsHint')}</p>
        <FormField
          id="expert-conflict-cities"
          label={t('experts.profile.conflictCities')}
          hint={t('experts.profile.conflictCitiesHint')}
          error={errors['conflicts.cities']}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              value={conflictCities}
              onChange={(e) => setConflictCities(e.target.value)}
            />
          )}
        </FormField>
        <FormField
          id="expert-conflict-countries"
          label={t('experts.profile.conflictCountries')}
          hint={t('experts.profile.countriesHint')}
          error={errors['conflicts.countries']}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              value={conflictCountries}
              onChange={(e) => setConflictCountries(e.target.value)}
            />
          )}
        </FormField>
        <FormField
          id="expert-conflict-organisations"
          label={t('experts.profile.conflictOrganisations')}
          hint={t('experts.profile.conflictOrganisationsHint')}
          error={errors['conflicts.organisations']}
        >
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={conflictOrgs}
              onChange={(e) => setConflictOrgs(e.target.value)}
            />
          )}
        </FormField>
      </fieldset>

      <SubmitButton sending={sending} busyLabel={t('experts.profile.saving')}>
        {t('experts.profile.save')}
      </SubmitButton>
    </form>
  );
}
