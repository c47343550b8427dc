/** What unknown addresses show: a clear heading and a way back to the directory. */
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../hooks/usePageTitle.js';
import { Link } from '../router.js';

/** The body of a "not found" page, also used for a city that is not in the directory. */
export function NotFoundContent({ heading, text }: { heading: string; text: string }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{heading}</h1>
      <p>{text}</p>
      <p>
        <Link to="/cities">{t('notFound.backHome')}</Link>
      </p>
    </>
  );
}

/** The page for a client route that does not exist. */
export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return <NotFoundContent heading={t('notFound.title')} text={t('notFound.text')} />;
}
