/**
 * The Expert Pool's reads and writes (/api/v1): my expert profile, the experts directory and one
 * expert, and the Management Unit's verification. Writes carry the CSRF token; every failure is an
 * ApiError. Types only come from the shared schemas (no zod in the page: the CSP forbids eval).
 */
import type { z } from 'zod';
import { apiGet, queryString } from '../../api.js';
import { postWithCsrf, sendWithCsrf } from '../../auth/csrf.js';
import type {
  ExpertProfile,
  ExpertProfileUpdate,
  ExpertVerification,
} from '../../../../shared/schemas/experts.js';
import type { Page } from '../../types.js';

/** An expert profile as the API returns it to the viewer. */
export type ExpertView = z.infer<typeof ExpertProfile>;
/** What the expert saves. */
export type ExpertInput = z.input<typeof ExpertProfileUpdate>;
/** The Management Unit's verification. */
export type VerificationInput = z.infer<typeof ExpertVerification>;

/** The directory's filters (unset ones are left out). */
export interface ExpertFilters {
  topic?: string;
  language?: string;
  region?: string;
  format?: string;
  availability?: string;
}

const enc = encodeURIComponent;

/** My own profile (blank before the first save). */
export const fetchMyProfile = (signal: AbortSignal) => apiGet<ExpertView>('/me/expert-profile', signal);

/** Saves my profile. */
export const saveMyProfile = (input: ExpertInput) =>
  sendWithCsrf<ExpertView>('PUT', '/me/expert-profile', input);

/** One page of the directory (50 at a time). */
export const fetchExperts = (filters: ExpertFilters, cursor: string | null, signal: AbortSignal) =>
  apiGet<Page<ExpertView>>(`/experts${queryString({ ...filters, limit: 50, cursor })}`, signal);

/** One expert. */
export const fetchExpert = (person: string, signal: AbortSignal) =>
  apiGet<ExpertView>(`/experts/${enc(person)}`, signal);

/** Verifies an expert and sets their clearance (the Management Unit). */
export const verifyExpert = (person: string, input: VerificationInput) =>
  postWithCsrf<ExpertView>(`/experts/${enc(person)}/verification`, input);

/** The cache keys of this area. */
export const expertKeys = {
  mine: () => ['experts', 'mine'] as const,
  list: (filters: ExpertFilters) => ['experts', 'list', JSON.stringify(filters)] as const,
  one: (person: string) => ['experts', 'one', person] as const,
};
