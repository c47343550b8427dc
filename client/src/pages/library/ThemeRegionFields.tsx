/**
 * The themes (one to five, required) and the regions (the hubs, when there are any) of a record, as
 * two groups of checkboxes; ids start with `prefix`.
 */
import { useTranslation } from 'react-i18next';
import { CheckboxGroup, toggled } from '../../components/CheckboxGroup.js';
import { useHubOptions } from '../../hooks/useHubOptions.js';
import { LIBRARY_THEMES } from './vocabulary.js';

/** Props of {@link ThemeRegionFields}. */
export interface ThemeRegionFieldsProps {
  prefix: string;
  themes: string[];
  regions: string[];
  errors: Record<string, string>;
  onThemes: (themes: string[]) => void;
  onRegions: (regions: string[]) => void;
}

/** The record's themes and regions. */
export function ThemeRegionFields({
  prefix,
  themes,
  regions,
  errors,
  onThemes,
  onRegions,
}: ThemeRegionFieldsProps) {
  const { t } = useTranslation();
  const hubOptions = useHubOptions();
  return (
    <>
      <CheckboxGroup
        id={`${prefix}-themes`}
        legend={t('library.fields.themes')}
        error={errors.themes}
        options={LIBRARY_THEMES.map((v) => ({ value: v, label: t(`library.themes.${v}`) }))}
        chosen={themes}
        onToggle={(value, on) => onThemes(toggled(themes, value, on))}
        className="library-choices"
        choiceClassName="library-choice"
        required
      />
      {hubOptions && hubOptions.length > 0 && (
        <CheckboxGroup
          id={`${prefix}-regions`}
          legend={t('library.fields.regions')}
          error={errors.regions}
          options={hubOptions}
          chosen={regions}
          onToggle={(value, on) => onRegions(toggled(regions, value, on))}
          className="library-choices"
          choiceClassName="library-choice"
        />
      )}
    </>
  );
}

/** The local check of the themes: one to five chosen, else the worded error. */
export function themesError(themes: string[], t: (key: string) => string): string | undefined {
  return themes.length < 1 || themes.length > 5 ? t('library.form.errors.themes') : undefined;
}
