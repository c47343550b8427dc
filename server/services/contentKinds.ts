/**
 * Every content type's kernel declaration, by type: for the code that acts on any type by name (the
 * moderation console, erasure, retention), so a new type is one line here and `tsc` names every
 * place that still lacks it.
 */
import type { ContentType } from '../../shared/policy/content.js';
import type { ContentKind } from './content/contentKind.js';
import { DOCUMENT_KIND } from './documents/documentKind.js';
import { LIBRARY_KIND } from './library/libraryKind.js';
import { POST_KIND } from './posts/postKind.js';
import { REQUEST_KIND } from './requests/requestKind.js';
import { MESSAGE_KIND } from './rooms/messageKind.js';

/** The kernel declaration of each content type. */
export const CONTENT_KINDS: { [T in ContentType]: ContentKind<T> } = {
  Post: POST_KIND,
  Message: MESSAGE_KIND,
  Document: DOCUMENT_KIND,
  ExpertRequest: REQUEST_KIND,
  LibraryRecord: LIBRARY_KIND,
};
