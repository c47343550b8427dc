/**
 * The visitors' home: the network's regional hubs and member cities (the directory, filtered through
 * the URL as before), the material the network published for everyone (CLEAR, explicitly published),
 * the way to the public good-practice library, and what the network is with the way in for a city.
 */
import { useTranslation } from 'react-i18next';
import { Link } from '../../router.js';
import { DirectoryPage } from '../directory/DirectoryPage.js';
import { PublicMaterial } from './PublicMaterial.js';

/** The public home page. */
export function PublicHome() {
  const { t } = useTranslation();
  return (
    <>
      <DirectoryPage base="/" />
      <PublicMaterial />
      <section aria-labelledby="public-library-heading" className="public-library">
        <h2 id="public-library-heading">{t('publicHome.libraryHeading')}</h2>
        <p>{t('publicHome.libraryText')}</p>
        <p>
          <Link to="/library">{t('publicHome.libraryLink')}</Link>
        </p>
      </section>
      <section aria-labelledby="about-heading" className="about-network">
        <h2 id="about-heading">{t('publicHome.aboutHeading')}</h2>
        <p>{t('publicHome.aboutText')}</p>
        <p className="about-network__actions">
          <Link to="/apply" className="button">
            {t('publicHome.apply')}
          </Link>
          <Link to="/sign-in">{t('publicHome.signIn')}</Link>
        </p>
      </section>
    </>
  );
}
