/**
 * The expert request's workflow (issue #14, "Requests"), kept as data: its states, and for each
 * allowed transition the parties who may make it. The server refuses anything not listed here; the
 * client offers only the transitions the server says the reader may make.
 *
 * Parties: `requester` (the author, or a focal point of the request's city), `triager` (a moderator
 * of the request: the Management Unit or the coordinators of the city's hub), `expert` (an expert who
 * accepted the request), `system` (offers: made, all declined or run out, accepted).
 */

/** Where a request stands. */
export const REQUEST_STATES = [
  'submitted',
  'triage',
  'matching',
  'offered',
  'accepted',
  'declined',
  'in_progress',
  'answered',
  'closed',
  'withdrawn',
] as const;

/** One of {@link REQUEST_STATES}. */
export type RequestState = (typeof REQUEST_STATES)[number];

/** Who may move a request. */
export type RequestParty = 'requester' | 'triager' | 'expert' | 'system';

/** One allowed transition. */
export interface RequestTransition {
  from: RequestState;
  to: RequestState;
  by: readonly RequestParty[];
}

/** Every allowed transition; withdrawal is open to the requester from every state but the final ones. */
export const REQUEST_TRANSITIONS: readonly RequestTransition[] = [
  // Triage: the moderators ask for more information, or start matching.
  { from: 'submitted', to: 'triage', by: ['triager'] },
  { from: 'submitted', to: 'matching', by: ['triager'] },
  // The requester answered the question: back to the moderators.
  { from: 'triage', to: 'submitted', by: ['requester'] },
  { from: 'triage', to: 'matching', by: ['triager'] },
  // Offers (services/requests/offers): made, all declined or run out, one accepted.
  { from: 'matching', to: 'offered', by: ['system'] },
  { from: 'offered', to: 'offered', by: ['system'] },
  { from: 'offered', to: 'accepted', by: ['system'] },
  { from: 'offered', to: 'declined', by: ['system'] },
  { from: 'declined', to: 'matching', by: ['triager'] },
  { from: 'offered', to: 'matching', by: ['triager'] },
  // The work.
  { from: 'accepted', to: 'in_progress', by: ['expert', 'requester', 'triager'] },
  { from: 'in_progress', to: 'answered', by: ['expert', 'triager'] },
  { from: 'answered', to: 'in_progress', by: ['requester', 'triager'] },
  { from: 'answered', to: 'closed', by: ['requester', 'triager'] },
  ...(
    ['submitted', 'triage', 'matching', 'offered', 'accepted', 'declined', 'in_progress', 'answered'] as const
  ).map((from): RequestTransition => ({ from, to: 'withdrawn', by: ['requester', 'triager'] })),
];

/** States a request never leaves. */
export const FINAL_REQUEST_STATES: readonly RequestState[] = ['closed', 'withdrawn'];

/**
 * States whose due date still counts (overdue list, reminders): neither finished nor answered and
 * waiting for the requester.
 */
export const DUE_STATES: readonly RequestState[] = REQUEST_STATES.filter(
  (s) => !FINAL_REQUEST_STATES.includes(s) && s !== 'answered',
);

/** States in which an expert's message may be marked as the accepted answer (the work under way). */
export const ANSWERING_STATES: readonly RequestState[] = ['accepted', 'in_progress', 'answered'];

/** States in which the request room is open to the assigned experts (an expert has accepted). */
export const ROOM_STATES: readonly RequestState[] = ['accepted', 'in_progress', 'answered', 'closed'];

/** The transition from `from` to `to` any of `parties` may make, or null when none may. */
export function allowedTransition(
  from: RequestState,
  to: RequestState,
  parties: readonly RequestParty[],
): RequestTransition | null {
  return (
    REQUEST_TRANSITIONS.find(
      (t) => t.from === from && t.to === to && t.by.some((p) => parties.includes(p)),
    ) ?? null
  );
}

/** The states `parties` may move a request in `from` to (without the system's own moves). */
export function nextStates(from: RequestState, parties: readonly RequestParty[]): RequestState[] {
  return REQUEST_TRANSITIONS.filter(
    (t) => t.from === from && t.from !== t.to && t.by.some((p) => p !== 'system' && parties.includes(p)),
  ).map((t) => t.to);
}
