/**
 * SHA-1 for a legacy identity provider, for admins: the setting (the page shows a warning while it is
 * on, and every sign-in that uses SHA-1 is audited).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { change, type IdentityProviderView } from './adminApi.js';
import { useChange } from './useChange.js';

/** The admins' switch. */
export function LegacySignaturesPanel({ idp }: { idp: IdentityProviderView }) {
  const { t } = useTranslation();
  const { sending, error, done, run } = useChange();
  // Shown at once; back to the stored value if the change is refused.
  const [allowed, setAllowed] = useState(idp.allowSha1);
  const path = `/identity-providers/${idp.slug}`;
  if (!idp.abilities.allowSha1) return null;
  const toggle = async (next: boolean) => {
    setAllowed(next);
    const saved = await run(
      () => change('PATCH', path, { allowSha1: next }, path),
      t('admin.idp.allowSha1Saved'),
    );
    if (saved === null) setAllowed(!next);
  };
  return (
    <section className="admin-panel" aria-labelledby="idp-legacy-heading">
      <h2 id="idp-legacy-heading">{t('admin.idp.legacyHeading')}</h2>
      <FormAlert id="idp-legacy-error" message={error} />
      <div className="checkbox">
        <input
          id="idp-allow-sha1"
          type="checkbox"
          checked={allowed}
          disabled={sending}
          aria-describedby="idp-allow-sha1-hint"
          onChange={(event) => void toggle(event.target.checked)}
        />
        <label htmlFor="idp-allow-sha1">{t('admin.idp.allowSha1')}</label>
        <p id="idp-allow-sha1-hint" className="hint">
          {t('admin.idp.allowSha1Hint')}
        </p>
      </div>
      <StatusMessage>{done}</StatusMessage>
    </section>
  );
}
