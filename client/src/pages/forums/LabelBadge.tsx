/**
 * A TLP 2.0 label as a badge: the label in words (`TLP:AMBER`) in its colour on black, as FIRST's
 * standard prints it (every pair passes WCAG AA contrast), with its meaning as a tooltip and for
 * screen readers, so the colour is never the only carrier of the information.
 */
import { useTranslation } from 'react-i18next';
import type { Label } from '../../../../shared/policy/labels.js';

/** The CSS modifier of each label. */
const MODIFIER: Record<Label, string> = {
  CLEAR: 'clear',
  GREEN: 'green',
  AMBER: 'amber',
  'AMBER+STRICT': 'amber-strict',
  RED: 'red',
};

/** Renders `label` as a badge with its meaning. */
export function LabelBadge({ label }: { label: Label }) {
  const { t } = useTranslation();
  const meaning = t(`forums.label.meaning.${MODIFIER[label]}`);
  return (
    <span className={`tlp tlp--${MODIFIER[label]}`} title={meaning}>
      <span className="visually-hidden">{t('forums.label.prefix')} </span>
      <span lang="en">TLP:{label}</span>
      <span className="visually-hidden"> ({meaning})</span>
    </span>
  );
}
