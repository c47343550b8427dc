/**
 * The label of new material: one radio per TLP label. Labels above the space's ceiling (or, for a
 * reply, below its topic's label) are shown but cannot be chosen, with the reason next to them.
 * Labels the caller does not offer (a relabel the item's abilities do not allow that way) cannot be
 * chosen either; the relabel form says above the group which way the label may move.
 */
import { useTranslation } from 'react-i18next';
import { LABELS, labelRank, type Label } from '../../../../shared/policy/labels.js';
import { LabelBadge } from '../../components/LabelBadge.js';

/** Props of {@link LabelPicker}. */
export interface LabelPickerProps {
  id: string;
  value: Label;
  onChange: (label: Label) => void;
  ceiling: Label;
  /** The lowest label allowed (a reply's topic label); CLEAR when absent. */
  floor?: Label;
  /**
   * Whether a label within the bounds may be chosen (a relabel offers only the way the item's
   * abilities allow); every label in bounds when absent.
   */
  isOffered?: (label: Label) => boolean;
}

/** A radio group of labels bounded by `floor` and `ceiling`. */
export function LabelPicker({
  id,
  value,
  onChange,
  ceiling,
  floor = 'CLEAR',
  isOffered = () => true,
}: LabelPickerProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="field label-picker" aria-describedby={`${id}-hint`}>
      <legend>{t('forums.label.legend')}</legend>
      <p id={`${id}-hint`} className="hint">
        {t('forums.label.hint', { ceiling })}
      </p>
      {LABELS.map((label) => {
        const above = labelRank(label) > labelRank(ceiling);
        const below = labelRank(label) < labelRank(floor);
        const off = !above && !below && !isOffered(label);
        const optionId = `${id}-${label.toLowerCase().replace('+', '-')}`;
        return (
          <div
            key={label}
            className={`label-option${above || below || off ? ' label-option--disabled' : ''}`}
          >
            <input
              type="radio"
              id={optionId}
              name={id}
              value={label}
              checked={value === label}
              disabled={above || below || off}
              onChange={() => onChange(label)}
            />
            <label htmlFor={optionId}>
              <LabelBadge label={label} />
              {above && <span className="hint"> {t('forums.label.aboveCeiling')}</span>}
              {below && <span className="hint"> {t('forums.label.belowTopic')}</span>}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
