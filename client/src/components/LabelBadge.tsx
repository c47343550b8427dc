/**
 * The one Traffic Light Protocol badge of the interface (rooms, forums, posts, search): the label's
 * name as FIRST's TLP 2.0 prints it (`TLP:AMBER`, in its colour on black, one font everywhere), with
 * its translated meaning as a tooltip and for screen readers, so colour is never the only signal.
 */
import { useTranslation } from 'react-i18next';
import './labelBadge.css';

/** The CSS modifier and meaning key of a label: `AMBER+STRICT` -> `amber-strict`. */
export function labelKey(label: string): string {
  return label.toLowerCase().replace(/[^a-z]+/g, '-');
}

/** The translated meaning of `label` ("need to know: ..."); the label itself when unknown. */
export function useLabelMeaning(): (label: string) => string {
  const { t } = useTranslation();
  return (label) => t(`labels.meaning.${labelKey(label)}`, { defaultValue: label });
}

/** Renders `label` as "TLP:AMBER", preceded by a hidden "Label:" and followed by its hidden meaning. */
export function LabelBadge({ label }: { label: string }) {
  const { t } = useTranslation();
  const meaning = useLabelMeaning()(label);
  return (
    <span className={`tlp tlp--${labelKey(label)}`} title={meaning} data-label={label}>
      <span className="visually-hidden">{t('labels.prefix')} </span>
      <bdi dir="ltr" lang="en">
        TLP:{label}
      </bdi>
      <span className="visually-hidden"> ({meaning})</span>
    </span>
  );
}
