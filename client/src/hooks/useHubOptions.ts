/** The regional hubs as options of a select or checkbox group: the slug, named in the reader's language. */
import { useTranslation } from 'react-i18next';
import { hubName } from '../format.js';
import { useHubs } from './useHubs.js';

/** One hub as an option. */
export interface HubOption {
  value: string;
  label: string;
}

/** The hubs as options, in the server's order; null until they are loaded (or when loading failed). */
export function useHubOptions(): HubOption[] | null {
  const { i18n } = useTranslation();
  const reader = i18n.resolvedLanguage ?? 'en';
  const hubs = useHubs();
  return hubs.state === 'ready'
    ? hubs.data.map((hub) => ({ value: hub.slug, label: hubName(hub, reader) }))
    : null;
}
