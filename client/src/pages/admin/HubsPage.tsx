/**
 * Regional hubs: the list, and (for admins) a new hub with its names in the four languages; the server
 * creates the hub's forum and room with it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { queryClient } from '../../data/queryClient.js';
import { queryKeys } from '../../data/keys.js';
import { useHubs } from '../../hooks/useHubs.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { change } from './adminApi.js';
import { useChange } from './useChange.js';

const LANGUAGES = ['en', 'fr', 'ar', 'es'] as const;

/** The new-hub form. */
function NewHubForm() {
  const { t } = useTranslation();
  const [slug, setSlug] = useState('');
  const [names, setNames] = useState<Record<string, string>>({ en: '', fr: '', ar: '', es: '' });
  const { sending, error, done, run } = useChange();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = Object.fromEntries(Object.entries(names).filter(([, value]) => value.trim() !== ''));
    const made = await run(
      async () => {
        const hub = await change('POST', '/hubs', { slug, name }, '/hubs');
        await queryClient.invalidateQueries({ queryKey: queryKeys.hubs() });
        return hub;
      },
      t('admin.hubs.created', { slug }),
    );
    if (made) {
      setSlug('');
      setNames({ en: '', fr: '', ar: '', es: '' });
    }
  };
  return (
    <section className="admin-panel" aria-labelledby="new-hub-heading">
      <h2 id="new-hub-heading">{t('admin.hubs.new')}</h2>
      <p>{t('admin.hubs.newIntro')}</p>
      <FormAlert id="hub-error" message={error} />
      <form className="admin-form" onSubmit={(event) => void submit(event)} noValidate>
        <FormField id="hub-slug" label={t('admin.hubs.slug')} hint={t('admin.idps.slugHint')} required>
          {(control) => (
            <input {...control} dir="ltr" value={slug} onChange={(event) => setSlug(event.target.value)} />
          )}
        </FormField>
        {LANGUAGES.map((language) => (
          <FormField
            key={language}
            id={`hub-name-${language}`}
            label={t(`admin.hubs.name.${language}`)}
            required={language === 'en'}
          >
            {(control) => (
              <input
                {...control}
                lang={language}
                dir={language === 'ar' ? 'rtl' : 'ltr'}
                value={names[language] ?? ''}
                onChange={(event) => setNames({ ...names, [language]: event.target.value })}
              />
            )}
          </FormField>
        ))}
        <SubmitButton sending={sending} busyLabel={t('admin.sending')}>
          {t('admin.hubs.create')}
        </SubmitButton>
      </form>
      <StatusMessage>{done}</StatusMessage>
    </section>
  );
}

/** The hubs and the new-hub form. */
export function HubsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('admin.hubs.title'));
  const hubs = useHubs();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <section aria-labelledby="admin-heading">
      <h1 id="admin-heading">{t('admin.hubs.title')}</h1>
      <StatusMessage>{hubs.state === 'loading' ? t('admin.loading') : ''}</StatusMessage>
      {hubs.state === 'error' && <LoadError error={hubs.error} onRetry={hubs.retry} />}
      {hubs.state === 'ready' && (
        <ul className="admin-list">
          {hubs.data.map((hub) => (
            <li key={hub.slug} className="admin-card">
              <h2>{(hub.name as Record<string, string | undefined>)[language] ?? hub.name.en}</h2>
              <p>
                <Link to={`/forums/${hub.slug}-forum`}>{t('admin.hubs.forum')}</Link>
              </p>
              <p>
                {t('admin.hubs.coordinators')}:{' '}
                {(hub.coordinators ?? []).map((c) => c.name).join(', ') || t('admin.hubs.noCoordinator')}
              </p>
            </li>
          ))}
        </ul>
      )}
      {hubs.state === 'ready' && hubs.data.some((h) => h.abilities?.update) && <NewHubForm />}
    </section>
  );
}
