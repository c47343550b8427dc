/** The public membership application: the form, then the confirmation with its reference. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import type { ApplicationReceiptView } from '../../types.js';
import { ApplicationConfirmation } from './ApplicationConfirmation.js';
import { ApplicationForm } from './ApplicationForm.js';

/** The application page. */
export function ApplyPage() {
  const { t } = useTranslation();
  const [receipt, setReceipt] = useState<ApplicationReceiptView | null>(null);
  usePageTitle(receipt ? t('apply.confirmation.title') : t('apply.title'));
  return (
    <>
      <h1>{t('apply.heading')}</h1>
      {receipt ? (
        <ApplicationConfirmation receipt={receipt} />
      ) : (
        <>
          <p className="lead">{t('apply.intro')}</p>
          <ApplicationForm onSubmitted={setReceipt} />
        </>
      )}
    </>
  );
}
