/**
 * The directory's filters live in the URL (`/?hub=mena&kind=city`, or `/cities?hub=mena`), so they can
 * be shared and go back.
 */
import { COUNTRY_CODES } from '../../../../shared/countries.js';
import { queryString } from '../../api.js';
import type { CityFilters } from '../../hooks/useCityPages.js';
import { CITY_KINDS, type CityKind } from '../../types.js';

/** Cities per page unless the URL asks for another size (`?limit=50`, 1 to 100). */
export const DEFAULT_PAGE_SIZE = 20;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const isKind = (value: string | null): value is CityKind =>
  (CITY_KINDS as readonly (string | null)[]).includes(value);

/** Reads the filters from the query, ignoring values the API would refuse. */
export function filtersFromQuery(query: URLSearchParams): CityFilters {
  const hub = query.get('hub');
  const country = query.get('country')?.toUpperCase() ?? null;
  const kind = query.get('kind');
  return {
    hub: hub && SLUG.test(hub) ? hub : undefined,
    country: country && COUNTRY_CODES.has(country) ? country : undefined,
    kind: isKind(kind) ? kind : undefined,
  };
}

/** Reads the page size from the query. */
export function pageSizeFromQuery(query: URLSearchParams): number {
  const limit = Number(query.get('limit'));
  return Number.isInteger(limit) && limit >= 1 && limit <= 100 ? limit : DEFAULT_PAGE_SIZE;
}

/** Where the directory is shown: the visitors' home (`/`) or its own page (`/cities`). */
export type DirectoryBase = '/' | '/cities';

/** The directory URL showing `filters` (keeping a non-default page size), on the page at `base`. */
export function directoryUrl(
  filters: CityFilters,
  pageSize = DEFAULT_PAGE_SIZE,
  base: DirectoryBase = '/',
): string {
  const limit = pageSize === DEFAULT_PAGE_SIZE ? undefined : pageSize;
  return `${base}${queryString({ hub: filters.hub, country: filters.country, kind: filters.kind, limit })}`;
}
