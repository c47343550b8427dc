/** The short facts of a space beside its name: its kind, Chatham House Rule, leaders only. */
import { useTranslation } from 'react-i18next';
import type { SpaceKind } from '../../../../shared/policy/spaces.js';

/** Renders "Peer room · Chatham House Rule · Leaders only" for the space. */
export function SpaceTags({
  space,
}: {
  space: { kind: SpaceKind; chathamHouse: boolean; leadersOnly: boolean };
}) {
  const { t } = useTranslation();
  const tags = [
    t(`spaces.kinds.${space.kind}`),
    ...(space.chathamHouse ? [t('spaces.tags.chathamHouse')] : []),
    ...(space.leadersOnly ? [t('spaces.tags.leadersOnly')] : []),
  ];
  return <span className="space-tags">{tags.join(' · ')}</span>;
}
