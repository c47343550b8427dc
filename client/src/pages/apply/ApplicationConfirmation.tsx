/** What the applicant sees once the server has accepted the application: the reference to quote. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../format.js';
import { Link } from '../../router.js';
import type { ApplicationReceiptView } from '../../types.js';

/** The confirmation; it takes focus when shown so screen readers read it at once. */
export function ApplicationConfirmation({ receipt }: { receipt: ApplicationReceiptView }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), []);

  return (
    <section
      className="notice notice--success confirmation"
      ref={panel}
      tabIndex={-1}
      aria-labelledby="confirmation-title"
    >
      <h2 id="confirmation-title">{t('apply.confirmation.title')}</h2>
      <p>
        {t('apply.confirmation.reference')}{' '}
        <strong className="reference" id="application-reference" dir="ltr">
          {receipt.id}
        </strong>
      </p>
      <p>{t('apply.confirmation.submittedAt', { date: formatDate(receipt.submittedAt, language) })}</p>
      <p>{t('apply.confirmation.next')}</p>
      <p>
        <Link to="/cities">{t('apply.confirmation.back')}</Link>
      </p>
    </section>
  );
}
