/**
 * Markdown to safe HTML, rendered once on the server when text is written and stored beside it.
 * Raw HTML is never passed through (it is shown as text), images are not rendered (no remote loads,
 * no tracking pixels), and links are kept only for http, https, mailto, site-relative paths and
 * mentions; anything else (javascript:, data:, vbscript:, file:...) stays plain text. External
 * links open with `rel="nofollow noopener noreferrer ugc"`.
 */
import MarkdownIt from 'markdown-it';

const MENTION_HREF = /^mention:([0-9a-f]{24})$/;
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** True for the links we keep. */
export function isSafeLink(href: string): boolean {
  const url = href.trim();
  if (MENTION_HREF.test(url)) return true;
  // Site-relative paths, but not protocol-relative `//host` (which leaves the site) or `/\host`.
  if (url.startsWith('/')) return !url.startsWith('//') && !url.startsWith('/\\');
  try {
    return SAFE_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

const markdown = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: true });
markdown.disable(['image']);
markdown.validateLink = isSafeLink;

const renderToken = markdown.renderer.renderToken.bind(markdown.renderer);
markdown.renderer.rules.link_open = (tokens, index, options) => {
  const token = tokens[index];
  if (!token) return '';
  const href = String(token.attrGet('href') ?? '');
  const mention = MENTION_HREF.exec(href);
  if (mention) {
    token.attrSet('href', `/people/${mention[1]}`);
    token.attrSet('class', 'mention');
    token.attrSet('data-person', mention[1] as string);
  } else if (!href.startsWith('/') && !href.startsWith('mailto:')) {
    token.attrSet('rel', 'nofollow noopener noreferrer ugc');
    token.attrSet('target', '_blank');
  }
  return renderToken(tokens, index, options);
};

/** Renders Markdown to sanitised HTML. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
