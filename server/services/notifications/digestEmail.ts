/**
 * Notification e-mail (digests and mention alerts) in plain text and simple HTML, in the recipient's
 * language (SHARING.md, "Leaving the platform"): only items the recipient may read now; the body of
 * CLEAR/GREEN material may be included; AMBER and above say only "new material in <space>" with a
 * link (no title, no body, not even what kind of event it was); Chatham House material names nobody
 * and no city; moderation notices carry neither content nor the moderator's reason.
 */
import { UI_LANGUAGES, RTL_LANGUAGES, type UiLanguage } from '../../../shared/languages.js';
import { DIGEST_STRINGS, type DigestStrings } from './digestStrings.js';
import { contentEvent, contentMayLeave, isModerationKind } from './notificationBody.js';
import type { ResolvedNotification } from './resolveNotifications.js';

/** The most characters of a body an e-mail carries. */
const BODY_CHARS = 1000;

/** One line of a notification e-mail, already decided by the label rules. */
export interface MailLine {
  text: string;
  /** Absolute link into the client. */
  link: string;
  title?: string;
  body?: string;
  author?: string;
}

/** A rendered e-mail. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The e-mail language of a person: the first of their languages the interface speaks, else English. */
export function languageOf(languages: readonly string[] | null | undefined): UiLanguage {
  return (
    (languages ?? []).find((l): l is UiLanguage => (UI_LANGUAGES as readonly string[]).includes(l)) ?? 'en'
  );
}

/** The strings of a language. */
export function stringsFor(language: UiLanguage): DigestStrings {
  return DIGEST_STRINGS[language];
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The e-mail line of a resolved notification, or null when it may not be e-mailed: the item is not
 * readable now (quarantined, deleted, relabelled away, the recipient left) or shows nothing.
 */
export function mailLine(
  r: ResolvedNotification,
  strings: DigestStrings,
  publicUrl: string,
): MailLine | null {
  if (!r.item || !r.body) return null;
  const space = r.space.name;
  const link = `${publicUrl}${r.link}`;
  if (isModerationKind(r.doc.kind)) return { text: fill(strings.moderation, { space }), link };
  if (!contentMayLeave(r.item.label)) return { text: fill(strings.created, { space }), link };
  const body = r.item.body.length > BODY_CHARS ? `${r.item.body.slice(0, BODY_CHARS - 1)}…` : r.item.body;
  return {
    text: fill(strings[contentEvent(r.doc.kind)], { space }),
    link,
    ...(r.item.title !== null ? { title: r.item.title } : {}),
    body,
    ...(r.authorName ? { author: fill(strings.by, { author: r.authorName }) } : {}),
  };
}

/** Renders an e-mail from its lines. */
export function renderEmail(input: {
  language: UiLanguage;
  subject: string;
  intro: string | null;
  lines: MailLine[];
  more: boolean;
  footer: string;
}): RenderedEmail {
  const strings = stringsFor(input.language);
  const text: string[] = [];
  if (input.intro) text.push(input.intro, '');
  for (const line of input.lines) {
    text.push(`* ${line.text}`);
    if (line.title) text.push(`  ${line.title}`);
    if (line.author) text.push(`  ${line.author}`);
    if (line.body) text.push(...line.body.split('\n').map((l) => `  ${l}`));
    text.push(`  ${strings.open}: ${line.link}`, '');
  }
  if (input.more) text.push(strings.more, '');
  text.push('--', input.footer);

  const dir = RTL_LANGUAGES.has(input.language) ? 'rtl' : 'ltr';
  const items = input.lines.map((line) => {
    const parts = [`<p><strong>${escapeHtml(line.text)}</strong></p>`];
    if (line.title) parts.push(`<p>${escapeHtml(line.title)}</p>`);
    if (line.author) parts.push(`<p><em>${escapeHtml(line.author)}</em></p>`);
    if (line.body) parts.push(`<p style="white-space:pre-wrap">${escapeHtml(line.body)}</p>`);
    parts.push(`<p><a href="${escapeHtml(line.link)}">${escapeHtml(strings.open)}</a></p>`);
    return `<li>${parts.join('')}</li>`;
  });
  const html = [
    `<!doctype html><html lang="${input.language}" dir="${dir}"><head><meta charset="utf-8">`,
    `<title>${escapeHtml(input.subject)}</title></head><body>`,
    input.intro ? `<p>${escapeHtml(input.intro)}</p>` : '',
    `<ul>${items.join('')}</ul>`,
    input.more ? `<p>${escapeHtml(strings.more)}</p>` : '',
    `<hr><p><small>${escapeHtml(input.footer)}</small></p></body></html>`,
  ].join('');
  return { subject: input.subject, text: text.join('\n'), html };
}
