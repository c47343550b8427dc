/** One security key or passkey in my list: its name and dates, rename in place, remove after a confirmation. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebAuthnKey } from '../../auth/webauthn.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { formatDate } from '../../format.js';
import { removeKey, renameKey } from './securityApi.js';
import { securityRefusal } from './securityRefusal.js';

/** Props of {@link SecurityKeyItem}. */
export interface SecurityKeyItemProps {
  item: WebAuthnKey;
  /** Called after a change, with what to announce. */
  onChanged: (announcement: string) => void;
}

/** The list item of one key. */
export function SecurityKeyItem({ item, onChanged }: SecurityKeyItemProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const [mode, setMode] = useState<'view' | 'rename' | 'remove'>('view');
  const [name, setName] = useState(item.name);
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const fail = (error: unknown) => {
    setSending(false);
    setAlert(alertMessage(securityRefusal(error, t)));
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setAlert(alertMessage(t('settings.security.nameMissing')));
    setSending(true);
    renameKey(item.id, name.trim()).then((saved) => {
      setSending(false);
      setMode('view');
      onChanged(t('settings.security.renamed', { name: saved.name }));
    }, fail);
  };
  const remove = () => {
    setSending(true);
    removeKey(item.id).then(() => onChanged(t('settings.security.removed', { name: item.name })), fail);
  };

  return (
    <li className="security-key">
      <p className="security-key__name">
        <strong>{item.name}</strong>{' '}
        <span>
          {item.deviceType === 'multiDevice'
            ? t('settings.security.synced')
            : t('settings.security.deviceBound')}
        </span>
      </p>
      <p className="hint">
        {t('settings.security.added', { date: formatDate(item.createdAt, language) })}{' '}
        {item.lastUsedAt
          ? t('settings.security.lastUsed', { date: formatDate(item.lastUsedAt, language) })
          : t('settings.security.neverUsed')}
      </p>
      <FormAlert id={`key-alert-${item.id}`} message={alert} />
      {mode === 'view' && (
        <div className="form-actions">
          <button
            type="button"
            className="button button--secondary"
            aria-label={t('settings.security.renameNamed', { name: item.name })}
            onClick={() => setMode('rename')}
          >
            {t('settings.security.rename')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            aria-label={t('settings.security.removeNamed', { name: item.name })}
            onClick={() => setMode('remove')}
          >
            {t('settings.security.remove')}
          </button>
        </div>
      )}
      {mode === 'rename' && (
        <form onSubmit={rename} noValidate>
          <div className="field">
            <label htmlFor={`key-name-${item.id}`}>{t('settings.security.newName')}</label>
            <input
              id={`key-name-${item.id}`}
              type="text"
              maxLength={60}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div className="form-actions">
            <SubmitButton sending={sending} busyLabel={t('settings.saving')}>
              {t('settings.security.saveName')}
            </SubmitButton>
            <button type="button" className="button button--secondary" onClick={() => setMode('view')}>
              {t('settings.security.cancel')}
            </button>
          </div>
        </form>
      )}
      {mode === 'remove' && (
        <div role="group" aria-label={t('settings.security.removeNamed', { name: item.name })}>
          <p>{t('settings.security.removeConfirm', { name: item.name })}</p>
          <div className="form-actions">
            <button type="button" className="button button--danger" disabled={sending} onClick={remove}>
              {t('settings.security.removeYes')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setMode('view')}>
              {t('settings.security.cancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
