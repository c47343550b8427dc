/**
 * Erasure of my account, in two steps: first what it does (what goes, what stays as a former
 * member's, that it cannot be undone), then a form that asks for my e-mail address typed again and,
 * when my account has a second factor, a fresh authenticator code (or, when my only second factor is a
 * security key, says up front that I must sign in again with it first). Done, the session ends and
 * the page says so.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session.js';
import { FormAlert, alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { navigate } from '../../router.js';
import { eraseMyAccount, readErasureRequirements, type ErasureRequirements } from './settingsApi.js';
import { settingsRefusal } from './settingsRefusal.js';

/** The confirmation form. */
function EraseForm({ requirements, onCancel }: { requirements: ErasureRequirements; onCancel: () => void }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);
  // A key-only account whose sign-in is old is told at once, before typing anything.
  const [alert, setAlert] = useState<AlertMessage | null>(() =>
    requirements.signInAgain ? alertMessage(t('settings.refusals.erasure_sign_in_again')) : null,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setAlert(null);
    eraseMyAccount(email, requirements.secondFactor ? code.trim() : undefined).then(
      () => {
        navigate('/settings/erased', { replace: true });
        void refresh();
      },
      (error: unknown) => {
        setSending(false);
        setAlert(alertMessage(settingsRefusal(error, t)));
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="danger-zone">
      <FormAlert message={alert} id="erase-alert" />
      <FormField
        id="erase-email"
        label={t('settings.erase.emailLabel')}
        hint={t('settings.erase.emailHint', { email: requirements.email })}
        required
      >
        {(control) => (
          <input
            {...control}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </FormField>
      {requirements.secondFactor && (
        <FormField
          id="erase-code"
          label={t('settings.erase.codeLabel')}
          hint={t('settings.erase.codeHint')}
          required
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          )}
        </FormField>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--danger" disabled={sending}>
          {sending ? t('settings.erase.erasing') : t('settings.erase.confirm')}
        </button>
        <button type="button" className="button button--secondary" disabled={sending} onClick={onCancel}>
          {t('settings.erase.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The erasure section: the explanation, then the form once asked for. */
export function EraseSection() {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(false);
  const requirements = useApiQuery(['settings', 'erasure'], readErasureRequirements, { enabled: asked });
  return (
    <section className="settings__section" aria-labelledby="erase-heading">
      <h2 id="erase-heading">{t('settings.erase.heading')}</h2>
      <p>{t('settings.erase.intro')}</p>
      <ul>
        <li>{t('settings.erase.deleted')}</li>
        <li>{t('settings.erase.kept')}</li>
        <li>{t('settings.erase.records')}</li>
        <li>{t('settings.erase.audit')}</li>
      </ul>
      <p>
        <strong>{t('settings.erase.final')}</strong>
      </p>
      {!asked && (
        <div className="form-actions">
          <button type="button" className="button button--danger" onClick={() => setAsked(true)}>
            {t('settings.erase.start')}
          </button>
        </div>
      )}
      {asked && requirements.state === 'loading' && <StatusMessage>{t('settings.loading')}</StatusMessage>}
      {asked && requirements.state === 'error' && (
        <LoadError error={requirements.error} onRetry={requirements.retry} />
      )}
      {asked && requirements.state === 'ready' && (
        <EraseForm requirements={requirements.data} onCancel={() => setAsked(false)} />
      )}
    </section>
  );
}
