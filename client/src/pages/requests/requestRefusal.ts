/**
 * The refusals of the request and offer routes in the reader's language: the specific reasons of
 * server/services/requests (`transition_refused` with its states, `already_offered`,
 * `expert_not_matching`, `offer_closed` with the offer's state), else the general translation.
 */
import type { TFunction } from 'i18next';
import { ApiError } from '../../api.js';
import { errorRefusal, type Refusal } from '../../errors/refusal.js';
import type { RequestWords } from './requestWords.js';

const REASONS = new Set(['transition_refused', 'already_offered', 'expert_not_matching', 'offer_closed']);

/** The refusal `error` stands for, in words. */
export function requestRefusal(error: unknown, t: TFunction, words: RequestWords): Refusal {
  if (!(error instanceof ApiError) || !error.problem.code || !REASONS.has(error.problem.code))
    return errorRefusal(error, t);
  const params = error.problem.params ?? {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    text: t(`requests.refusals.${error.problem.code}`, {
      from: words.state(text(params.from)),
      to: words.state(text(params.to)),
      state: words.offerState(text(params.state)),
    }),
    detail: null,
  };
}
