/**
 * The label of new material: one radio per TLP label. Labels above the space's ceiling (or, for a
 * reply, below its topic's label) are shown but cannot be chosen, with the reason next to them.
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
}

/** A radio group of labels bounded by `floor` and `ceiling`. */
export function LabelPicker({ id, value, onChange, ceiling, floor = 'CLEAR' }: LabelPickerProps) {
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
        const optionId = `${id}-${label.toLowerCase().replace('+', '-')}`;
        return (
          <div key={label} className={`label-option${above || below ? ' label-option--disabled' : ''}`}>
            <input
              type="radio"
              id={optionId}
              name={id}
              value={label}
              checked={value === label}
              disabled={above || below}
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
