/**
 * /settings/notifications: e-mail (digest off, daily or weekly; an e-mail when mentioned) and, per
 * space I take part in, what I hear from it: everything, only mentions of me, or nothing (muted).
 * The server leaves muted spaces out of the bell, sockets, digests and mention e-mail alike.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import {
  readEmailPreferences,
  readSpaceSettings,
  saveEmailPreferences,
  saveSpaceLevel,
  type DigestFrequency,
  type EmailPreferences,
  type SpaceLevel,
  type SpaceSetting,
} from './settingsApi.js';
import { settingsRefusal } from './settingsRefusal.js';

const DIGESTS: DigestFrequency[] = ['off', 'daily', 'weekly'];
const LEVELS: SpaceLevel[] = ['all', 'mentions', 'none'];
const EMAIL_KEY = ['settings', 'email'] as const;
const SPACES_KEY = ['settings', 'spaces'] as const;

/** The e-mail form, from the stored preferences. */
function EmailForm({ stored }: { stored: EmailPreferences }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(stored);
  const [state, setState] = useState<'idle' | 'sending' | 'saved'>('idle');
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setState('sending');
    setAlert(null);
    saveEmailPreferences(draft).then(
      (saved) => {
        queryClient.setQueryData(EMAIL_KEY, saved);
        setState('saved');
      },
      (error: unknown) => {
        setState('idle');
        setAlert(alertMessage(settingsRefusal(error, t)));
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="email-heading">
      <FormAlert message={alert} id="email-alert" />
      <fieldset className="fieldset">
        <legend>{t('settings.email.digest')}</legend>
        <div className="radio-list">
          {DIGESTS.map((digest) => (
            <label key={digest}>
              <input
                type="radio"
                name="digest"
                value={digest}
                checked={draft.digest === digest}
                onChange={() => {
                  setDraft({ ...draft, digest });
                  setState('idle');
                }}
              />
              {t(`settings.email.digests.${digest}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="checkbox">
        <input
          id="mention-mail"
          type="checkbox"
          checked={draft.mentions}
          onChange={(event) => {
            setDraft({ ...draft, mentions: event.target.checked });
            setState('idle');
          }}
        />
        <label htmlFor="mention-mail">{t('settings.email.mentions')}</label>
      </div>
      <div className="form-actions">
        <SubmitButton sending={state === 'sending'} busyLabel={t('settings.saving')}>
          {t('settings.email.save')}
        </SubmitButton>
        <p role="status" className="status">
          {state === 'saved' ? t('settings.saved') : ''}
        </p>
      </div>
    </form>
  );
}

/** The table of my spaces, each with a level chooser that saves at once. */
function SpaceLevels({ spaces }: { spaces: SpaceSetting[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [said, setSaid] = useState('');
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const change = (space: SpaceSetting, level: SpaceLevel) => {
    setAlert(null);
    setSaid(t('settings.saving'));
    saveSpaceLevel(space.space, level).then(
      (saved) => {
        queryClient.setQueryData<{ items: SpaceSetting[] }>(SPACES_KEY, (old) =>
          old ? { items: old.items.map((s) => (s.space === saved.space ? saved : s)) } : old,
        );
        setSaid(
          t('settings.spaces.saved', { space: space.name, level: t(`settings.spaces.levels.${level}`) }),
        );
      },
      (error: unknown) => {
        setSaid('');
        setAlert(alertMessage(settingsRefusal(error, t)));
      },
    );
  };
  if (spaces.length === 0) return <p>{t('settings.spaces.none')}</p>;
  return (
    <>
      <FormAlert message={alert} id="spaces-alert" />
      <table className="space-levels">
        <caption className="visually-hidden">{t('settings.spaces.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settings.spaces.space')}</th>
            <th scope="col">{t('settings.spaces.level')}</th>
          </tr>
        </thead>
        <tbody>
          {spaces.map((space) => (
            <tr key={space.space}>
              <th scope="row">
                <bdi>{space.name}</bdi>
              </th>
              <td>
                <select
                  aria-label={t('settings.spaces.levelFor', { space: space.name })}
                  value={space.level}
                  onChange={(event) => change(space, event.target.value as SpaceLevel)}
                >
                  {LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {t(`settings.spaces.levels.${level}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" className="status">
        {said}
      </p>
    </>
  );
}

/** The notification settings page. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('settings.notifications.title'));
  const email = useApiQuery(EMAIL_KEY, readEmailPreferences);
  const spaces = useApiQuery(SPACES_KEY, readSpaceSettings);
  return (
    <>
      <h1>{t('settings.notifications.title')}</h1>
      <section className="settings__section" aria-labelledby="email-heading">
        <h2 id="email-heading">{t('settings.email.heading')}</h2>
        {email.state === 'loading' && <StatusMessage>{t('settings.loading')}</StatusMessage>}
        {email.state === 'error' && <LoadError error={email.error} onRetry={email.retry} />}
        {email.state === 'ready' && <EmailForm stored={email.data} />}
      </section>
      <section className="settings__section" aria-labelledby="spaces-heading">
        <h2 id="spaces-heading">{t('settings.spaces.heading')}</h2>
        <p>{t('settings.spaces.intro')}</p>
        {spaces.state === 'loading' && <StatusMessage>{t('settings.loading')}</StatusMessage>}
        {spaces.state === 'error' && <LoadError error={spaces.error} onRetry={spaces.retry} />}
        {spaces.state === 'ready' && <SpaceLevels spaces={spaces.data.items} />}
      </section>
    </>
  );
}
