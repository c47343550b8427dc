/** What a forum's space means for what is posted in it: its ceiling, default label and the Chatham House Rule. */
import { useTranslation } from 'react-i18next';
import type { SpaceView } from './forumsApi.js';
import { LabelBadge } from '../../components/LabelBadge.js';

/** The space's sharing rules in a few words; a clear notice when it runs under the Chatham House Rule. */
export function SpaceNotice({ space }: { space: SpaceView }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="forum-meta">
        {t('forums.ceiling')} <LabelBadge label={space.ceiling} /> · {t('forums.defaultLabel')}{' '}
        <LabelBadge label={space.defaultLabel} />
      </p>
      {space.chathamHouse && (
        <div className="notice notice--chr" role="note" aria-labelledby={`chr-${space.id}`}>
          <p>
            <strong id={`chr-${space.id}`}>{t('forums.chathamTitle')}</strong> {t('forums.chathamText')}
          </p>
        </div>
      )}
    </>
  );
}
