/**
 * The Expert Pool's vocabulary in the reader's language: topics, formats, urgencies, request and
 * offer states, language and country names (Intl.DisplayNames), hub names, dates, and each match
 * reason as a sentence with its facts ("Speaks French and English", "2 of 3 requests").
 */
import { useTranslation } from 'react-i18next';
import { countryName, formatDate, hubName, isolate, regionalLocale } from '../../format.js';
import { useHubs } from '../../hooks/useHubs.js';
import type { MatchView, MatchReasonView } from './requestsApi.js';

/** The words of this area, bound to the current language. */
export interface RequestWords {
  language: string;
  topic: (code: string) => string;
  format: (code: string) => string;
  urgency: (code: string) => string;
  state: (code: string) => string;
  offerState: (code: string) => string;
  availability: (code: string) => string;
  proficiency: (code: string) => string;
  languageName: (code: string) => string;
  region: (slug: string) => string;
  list: (items: string[]) => string;
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
  /** A deadline as the API gives it (YYYY-MM-DD), shown as a long date. */
  day: (isoDate: string) => string;
  /** Time left until `iso`: "in 3 days", or "ran out" once past. */
  timeLeft: (iso: string) => string;
  reason: (reason: MatchReasonView, match: MatchView) => string;
}

/** The name of language `code` in `language` ("fr" -> "French", "français"); the code when unknown. */
function languageNameIn(language: string, code: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The area's words in the interface language. */
export function useRequestWords(): RequestWords {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const hubs = useHubs();
  const term = (group: string) => (code: string) =>
    t(`requests.terms.${group}.${code}`, { defaultValue: code });
  const list = (items: string[]) => {
    try {
      return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items);
    } catch {
      return items.join(', ');
    }
  };
  const region = (slug: string) => {
    const hub = hubs.state === 'ready' ? hubs.data.find((h) => h.slug === slug) : undefined;
    return hub ? hubName(hub, language) : slug;
  };
  const words: RequestWords = {
    language,
    topic: term('topics'),
    format: term('formats'),
    urgency: term('urgencies'),
    state: term('states'),
    offerState: term('offerStates'),
    availability: term('availabilities'),
    proficiency: term('proficiencies'),
    languageName: (code) => languageNameIn(language, code),
    region,
    list,
    date: (iso) => formatDate(iso, language),
    dateTime: (iso) => {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return iso;
      return new Intl.DateTimeFormat(regionalLocale(language), {
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(date);
    },
    day: (isoDate) => {
      const date = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
      if (Number.isNaN(date.getTime())) return isoDate;
      return new Intl.DateTimeFormat(regionalLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(
        date,
      );
    },
    timeLeft: (iso) => {
      const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
      if (!Number.isFinite(seconds)) return iso;
      if (seconds <= 0) return t('requests.offers.ranOut');
      const relative = new Intl.RelativeTimeFormat(regionalLocale(language), { numeric: 'always' });
      if (seconds < 3600) return relative.format(Math.max(1, Math.ceil(seconds / 60)), 'minute');
      if (seconds < 48 * 3600) return relative.format(Math.ceil(seconds / 3600), 'hour');
      return relative.format(Math.ceil(seconds / 86400), 'day');
    },
    reason: (reason, match) => {
      const values = reason.values;
      switch (reason.code) {
        case 'topic':
          return t('requests.reasons.topic', { list: list(values.map(words.topic)) });
        case 'language':
          // Each value is a code, or `code:proficiency` ("fr:native").
          return t('requests.reasons.language', {
            list: list(
              values.map((value) => {
                const [code = value, proficiency] = value.split(':');
                const name = words.languageName(code);
                return proficiency ? `${name} (${words.proficiency(proficiency)})` : name;
              }),
            ),
          });
        case 'region':
          return t('requests.reasons.region', { list: list(values.map((v) => isolate(region(v)))) });
        case 'country':
          return t('requests.reasons.country', {
            list: list(values.map((v) => countryName(v.toUpperCase(), language))),
          });
        case 'format':
          return t('requests.reasons.format', { list: list(values.map(words.format)) });
        case 'availability':
          return t('requests.reasons.availability', {
            value: values[0] ? words.availability(values[0]) : words.availability('available'),
          });
        case 'load':
          return t('requests.reasons.load', {
            active: values[0] ?? match.expert.activeRequests,
            max: values[1] ?? match.expert.maxConcurrent,
          });
        case 'verified':
          return t('requests.reasons.verified');
        default:
          return values.join(', ');
      }
    },
  };
  return words;
}
