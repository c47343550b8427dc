/**
 * Registers a city's identity provider from its metadata: an uploaded or pasted XML file, or the
 * address where the provider publishes it (the server fetches it, within a time and size limit).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { navigate } from '../../router.js';
import type { Page } from '../../types.js';
import { change, type AdminCityView, type IdentityProviderView } from './adminApi.js';
import { useChange } from './useChange.js';

type Source = 'file' | 'paste' | 'url';

/** The registration form. */
export function NewIdentityProviderPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.idps.registerTitle'));
  const cities = useApiGet<Page<AdminCityView>>('/cities?limit=100');
  const [city, setCity] = useState('');
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [source, setSource] = useState<Source>('file');
  const [xml, setXml] = useState('');
  const [url, setUrl] = useState('');
  const { sending, error, run } = useChange();
  // A focal point registers for their own city only: the cities whose focal points they may change.
  const mine =
    cities.state === 'ready'
      ? cities.data.items.filter((c) => c.abilities?.focalPoints || c.abilities?.setStatus)
      : [];

  const readFile = async (file: File | undefined) => {
    setXml(file ? await file.text() : '');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      city,
      slug,
      name,
      ...(source === 'url' ? { metadataUrl: url } : { metadataXml: xml }),
    };
    const created = await run(
      () => change<IdentityProviderView>('POST', '/identity-providers', body, '/identity-providers'),
      t('admin.idps.registered'),
    );
    if (created) navigate(`/admin/identity-providers/${created.slug}`);
  };

  return (
    <section aria-labelledby="admin-heading">
      <h1 id="admin-heading">{t('admin.idps.registerTitle')}</h1>
      <p>{t('admin.idps.registerIntro')}</p>
      <FormAlert id="idp-error" message={error} />
      <form className="admin-form" onSubmit={(event) => void submit(event)} noValidate>
        <FormField id="idp-city" label={t('admin.idps.city')} required>
          {(control) => (
            <select {...control} value={city} onChange={(event) => setCity(event.target.value)}>
              <option value="">{t('admin.idps.chooseCity')}</option>
              {mine.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="idp-name" label={t('admin.idps.name')} required>
          {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} />}
        </FormField>
        <FormField id="idp-slug" label={t('admin.idps.slug')} hint={t('admin.idps.slugHint')} required>
          {(control) => (
            <input {...control} dir="ltr" value={slug} onChange={(event) => setSlug(event.target.value)} />
          )}
        </FormField>
        <fieldset className="admin-choice">
          <legend>{t('admin.idps.source')}</legend>
          {(['file', 'paste', 'url'] as const).map((s) => (
            <div className="radio" key={s}>
              <input
                type="radio"
                id={`idp-source-${s}`}
                name="idp-source"
                value={s}
                checked={source === s}
                onChange={() => setSource(s)}
              />
              <label htmlFor={`idp-source-${s}`}>{t(`admin.idps.sources.${s}`)}</label>
            </div>
          ))}
        </fieldset>
        {source === 'file' && (
          <FormField id="idp-file" label={t('admin.idps.file')} required>
            {(control) => (
              <input
                {...control}
                type="file"
                accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
                onChange={(event) => void readFile(event.target.files?.[0])}
              />
            )}
          </FormField>
        )}
        {source === 'paste' && (
          <FormField id="idp-xml" label={t('admin.idps.xml')} required>
            {(control) => (
              <textarea
                {...control}
                dir="ltr"
                rows={8}
                value={xml}
                onChange={(event) => setXml(event.target.value)}
              />
            )}
          </FormField>
        )}
        {source === 'url' && (
          <FormField id="idp-url" label={t('admin.idps.url')} hint={t('admin.idps.urlHint')} required>
            {(control) => (
              <input
                {...control}
                type="url"
                dir="ltr"
                value={url}
                onChange={(event) => setUrl(event.target.value)}
              />
            )}
          </FormField>
        )}
        <SubmitButton sending={sending} busyLabel={t('admin.sending')}>
          {t('admin.idps.registerButton')}
        </SubmitButton>
      </form>
    </section>
  );
}
