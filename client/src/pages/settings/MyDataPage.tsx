/** /settings/data: my data export and the erasure of my account. */
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { EraseSection } from './EraseSection.js';
import { ExportSection } from './ExportSection.js';

/** The "My data" page. */
export function MyDataPage() {
  const { t } = useTranslation();
  usePageTitle(t('settings.data.title'));
  return (
    <>
      <h1>{t('settings.data.title')}</h1>
      <ExportSection />
      <EraseSection />
    </>
  );
}
