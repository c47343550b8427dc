/** Derives a slug from a city name: accents folded, other scripts dropped, hyphen-separated. */

/** A slug for `name`, or null when nothing Latin remains (the admin must then give one). */
export function slugify(name: string): string | null {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
  return slug.length >= 2 ? slug : null;
}
