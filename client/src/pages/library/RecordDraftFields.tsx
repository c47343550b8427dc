/**
 * The parts of a record its writer sets, as the new-record and the edit forms both show them: the texts,
 * the themes and regions and the label, held together as one draft, with the local checks of them.
 */
import type { Dispatch, SetStateAction } from 'react';
import { LabelChoice, missingTexts, TextFields, type TextValues } from './RecordFields.js';
import { themesError, ThemeRegionFields } from './ThemeRegionFields.js';

/** The draft as a form holds it. */
export interface RecordDraft {
  texts: TextValues;
  themes: string[];
  regions: string[];
  label: 'GREEN' | 'CLEAR';
}

/** Local checks before sending: the required texts are written and one to five themes chosen. */
export function draftErrors(draft: RecordDraft, t: (key: string) => string): Record<string, string> {
  const local = missingTexts(draft.texts, t);
  const themes = themesError(draft.themes, t);
  if (themes) local.themes = themes;
  return local;
}

/** Props of {@link RecordDraftFields}. */
export interface RecordDraftFieldsProps {
  /** The start of every id (`library-new`, `library-edit`). */
  prefix: string;
  draft: RecordDraft;
  errors: Record<string, string>;
  /** The language the texts are written in. */
  language: string | undefined;
  onChange: Dispatch<SetStateAction<RecordDraft>>;
}

/** The texts, themes, regions and label fields of the draft. */
export function RecordDraftFields({ prefix, draft, errors, language, onChange }: RecordDraftFieldsProps) {
  return (
    <>
      <TextFields
        prefix={prefix}
        values={draft.texts}
        errors={errors}
        language={language}
        onChange={(field, value) =>
          onChange((known) => ({ ...known, texts: { ...known.texts, [field]: value } }))
        }
      />
      <ThemeRegionFields
        prefix={prefix}
        themes={draft.themes}
        regions={draft.regions}
        errors={errors}
        onThemes={(themes) => onChange((known) => ({ ...known, themes }))}
        onRegions={(regions) => onChange((known) => ({ ...known, regions }))}
      />
      <LabelChoice
        id={`${prefix}-label`}
        value={draft.label}
        error={errors.label}
        onChange={(label) => onChange((known) => ({ ...known, label }))}
      />
    </>
  );
}
