/**
 * /api/v1/library and /api/v1/public/library: the good-practice library (issue #14): members browse,
 * write and review records; signed-out visitors read the CLEAR published ones.
 */
import type { z } from 'zod';
import {
  LibraryListQuery,
  LibraryPage,
  LibraryParams,
  LibraryRecord,
  LibraryRecordUpdate,
  LibraryReviewInput,
  LibraryTranslationInput,
  NewLibraryRecord,
} from '../../../shared/schemas/library.js';
import { createLibraryRecord } from '../../services/library/createLibraryRecord.js';
import {
  getLibraryRecord,
  getPublicLibraryRecord,
  listLibrary,
  listPublicLibrary,
} from '../../services/library/readLibrary.js';
import {
  approveLibraryRecord,
  peerReviewLibraryRecord,
  submitLibraryRecord,
  translateLibraryRecord,
  updateLibraryRecord,
} from '../../services/library/reviewLibraryRecord.js';
import { defineRoute } from '../defineRoute.js';

/** The public list's filters: those of members but the review tab. */
const PublicLibraryQuery = LibraryListQuery.omit({ stage: true }).meta({ id: 'PublicLibraryQuery' });

/** The library routes. */
export const libraryRoutes = [
  defineRoute({
    method: 'get',
    path: '/library',
    tag: 'Library',
    access: 'members',
    summary: 'Browse and search the library (published records, or the review tab)',
    query: LibraryListQuery,
    response: LibraryPage,
    handler: ({ actor, query }) => listLibrary(actor, query as z.infer<typeof LibraryListQuery>),
  }),
  defineRoute({
    method: 'post',
    path: '/library',
    tag: 'Library',
    access: 'members',
    summary: 'Write a record (GREEN or CLEAR), directly or as a lesson from a closed request',
    body: NewLibraryRecord,
    status: 201,
    response: LibraryRecord,
    handler: ({ actor, body }) => createLibraryRecord(actor, body),
  }),
  defineRoute({
    method: 'get',
    path: '/library/:id',
    tag: 'Library',
    access: 'members',
    summary: 'Read one record, with its review for members',
    params: LibraryParams,
    response: LibraryRecord,
    handler: ({ actor, params }) => getLibraryRecord(actor, params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/library/:id',
    tag: 'Library',
    access: 'members',
    summary: 'Edit a draft (its approvals start again)',
    params: LibraryParams,
    body: LibraryRecordUpdate,
    response: LibraryRecord,
    handler: ({ actor, params, body }) => updateLibraryRecord(actor, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/library/:id/submit',
    tag: 'Library',
    access: 'members',
    summary: 'Submit a draft for its two approvals, with the principle-3 checklist',
    params: LibraryParams,
    body: LibraryReviewInput,
    response: LibraryRecord,
    handler: ({ actor, params, body }) => submitLibraryRecord(actor, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/library/:id/approvals',
    tag: 'Library',
    access: 'members',
    summary: "Approve a record as its source city's focal point or a library editor",
    params: LibraryParams,
    body: LibraryReviewInput,
    response: LibraryRecord,
    handler: ({ actor, params, body }) => approveLibraryRecord(actor, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/library/:id/translations',
    tag: 'Library',
    access: 'members',
    summary: 'Add or replace a translation, marked human or machine',
    params: LibraryParams,
    body: LibraryTranslationInput,
    response: LibraryRecord,
    handler: ({ actor, params, body }) => translateLibraryRecord(actor, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/library/:id/peer-review',
    tag: 'Library',
    access: 'members',
    summary: 'Mark a published record peer-reviewed (library editors)',
    params: LibraryParams,
    response: LibraryRecord,
    handler: ({ actor, params }) => peerReviewLibraryRecord(actor, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/public/library',
    tag: 'Public',
    access: 'public',
    summary: 'The public library: published CLEAR records',
    query: PublicLibraryQuery,
    response: LibraryPage,
    handler: ({ query }) => listPublicLibrary(query as z.infer<typeof PublicLibraryQuery>),
  }),
  defineRoute({
    method: 'get',
    path: '/public/library/:id',
    tag: 'Public',
    access: 'public',
    summary: 'One published CLEAR record',
    params: LibraryParams,
    response: LibraryRecord,
    handler: ({ params }) => getPublicLibraryRecord(params.id),
  }),
];
