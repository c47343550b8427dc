/** The application's inputs about the city, its contact person and an optional message. */
import { useTranslation } from 'react-i18next';
import { COUNTRY_CODES } from '../../../../shared/countries.js';
import { FormField } from '../../components/FormField.js';
import { countryName, hubName, sortByName } from '../../format.js';
import { useHubs } from '../../hooks/useHubs.js';
import { CITY_KINDS, type CityKind } from '../../types.js';
import { inputId, type ApplicationValues, type FieldName } from './applicationModel.js';

const ALL_COUNTRIES = [...COUNTRY_CODES];

/** Props of {@link ApplicationFields}. */
export interface ApplicationFieldsProps {
  values: ApplicationValues;
  errorOf: (field: FieldName) => string | undefined;
  onChange: <K extends FieldName>(field: K, value: ApplicationValues[K]) => void;
}

/** The city, contact and message inputs, each labelled and tied to its hint and error. */
export function ApplicationFields({ values, errorOf, onChange }: ApplicationFieldsProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const hubs = useHubs();
  const hubOptions =
    hubs.state === 'ready' ? sortByName(hubs.data, (h) => hubName(h, language), language) : [];
  const countries = sortByName(ALL_COUNTRIES, (code) => countryName(code, language), language);
  const field = (name: FieldName, required = true) => ({
    id: inputId(name),
    label: t(`apply.fields.${name}`),
    error: errorOf(name),
    required,
  });
  const text = (name: 'cityName' | 'contactName' | 'email' | 'position') => ({
    value: values[name],
    onChange: (event: { target: { value: string } }) => onChange(name, event.target.value),
  });

  return (
    <>
      <fieldset className="fieldset">
        <legend>{t('apply.cityLegend')}</legend>
        <FormField {...field('cityName')} hint={t('apply.hints.cityName')}>
          {(control) => <input type="text" {...control} {...text('cityName')} maxLength={200} dir="auto" />}
        </FormField>
        <FormField {...field('kind')}>
          {(control) => (
            <select
              {...control}
              value={values.kind}
              onChange={(e) => onChange('kind', e.target.value as CityKind | '')}
            >
              <option value="">{t('apply.choose')}</option>
              {CITY_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kinds.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField {...field('country')}>
          {(control) => (
            <select
              {...control}
              autoComplete="country"
              value={values.country}
              onChange={(e) => onChange('country', e.target.value)}
            >
              <option value="">{t('apply.choose')}</option>
              {countries.map((code) => (
                <option key={code} value={code}>
                  {countryName(code, language)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField {...field('hub', false)} hint={t('apply.hints.hub')}>
          {(control) => (
            <select {...control} value={values.hub} onChange={(e) => onChange('hub', e.target.value)}>
              <option value="">{t('apply.noHub')}</option>
              {hubOptions.map((hub) => (
                <option key={hub.slug} value={hub.slug}>
                  {hubName(hub, language)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('apply.contactLegend')}</legend>
        <p className="hint">{t('apply.privacy')}</p>
        <FormField {...field('contactName')}>
          {(control) => (
            <input
              type="text"
              {...control}
              {...text('contactName')}
              maxLength={200}
              autoComplete="name"
              dir="auto"
            />
          )}
        </FormField>
        <FormField {...field('email')} hint={t('apply.hints.email')}>
          {(control) => (
            <input
              type="email"
              {...control}
              {...text('email')}
              maxLength={254}
              autoComplete="email"
              spellCheck={false}
              dir="ltr"
            />
          )}
        </FormField>
        <FormField {...field('position')} hint={t('apply.hints.position')}>
          {(control) => (
            <input
              type="text"
              {...control}
              {...text('position')}
              maxLength={200}
              autoComplete="organization-title"
              dir="auto"
            />
          )}
        </FormField>
      </fieldset>

      <FormField {...field('message', false)} hint={t('apply.hints.message')}>
        {(control) => (
          <textarea
            {...control}
            value={values.message}
            onChange={(e) => onChange('message', e.target.value)}
            rows={5}
            maxLength={2000}
            dir="auto"
          />
        )}
      </FormField>
    </>
  );
}
