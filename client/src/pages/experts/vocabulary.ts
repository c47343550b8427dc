/**
 * The Expert Pool's vocabulary for the pages: the shared terms (topics, formats, proficiencies,
 * availabilities) and how codes are shown in the reader's language (Intl for languages and countries).
 */
export {
  AVAILABILITIES,
  EXPERT_FORMATS,
  EXPERT_TOPICS,
  PROFICIENCIES,
} from '../../../../shared/expertPool.js';
export { LABELS } from '../../../../shared/policy/labels.js';
export { LANGUAGE_CODES, languageName } from '../../languages.js';

/** The IANA time zones this browser knows (UTC first). */
export function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return ['UTC', ...known.filter((zone) => zone !== 'UTC')];
}

/** Splits a comma- or line-separated list, trimmed, without empty entries. */
export function splitList(text: string, upper = false): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => (upper ? item.trim().toUpperCase() : item.trim()))
    .filter((item) => item !== '');
}
