/**
 * A Traffic Light Protocol label as a badge: the TLP 2.0 colours on black (each above 4.5:1), and the
 * label's name in text so colour is never the only signal.
 */
import { useTranslation } from 'react-i18next';

/** The CSS modifier of a label: `AMBER+STRICT` -> `amber-strict`. */
export function labelClass(label: string): string {
  return label.toLowerCase().replace(/[^a-z]+/g, '-');
}

/** Shows `label` as "TLP:AMBER" with a hidden "Label:" for screen readers. */
export function LabelBadge({ label }: { label: string }) {
  const { t } = useTranslation();
  return (
    <span className={`tlp tlp--${labelClass(label)}`} title={t(`rooms.labelMeaning.${labelClass(label)}`)}>
      <span className="visually-hidden">{t('rooms.labelPrefix')} </span>
      <bdi dir="ltr">TLP:{label}</bdi>
    </span>
  );
}
