/**
 * One error type per meaning. Services throw these; the HTTP layer maps them once to problem+json
 * (and the socket layer, later, to `{ ok: false, error }` acks). No other error crosses the wire.
 */

/** The machine-readable codes of {@link AppError}. */
export type ErrorCode =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable';

/** A field-level validation message. */
export interface FieldError {
  path: string;
  message: string;
}

/** Parameters of a refusal, for the client to put into its own translated sentence. */
export type ReasonParams = Record<string, string | number>;

/**
 * A stable, specific reason for an error (`label_above_ceiling`, `topic_locked`...), sent as the
 * problem document's `code` with its `params`, so the client can say it in the reader's language.
 * Without one, the problem's `code` is the general {@link ErrorCode}.
 */
export interface Reason {
  reason: string;
  params?: ReasonParams;
}

/** Base of every error a service may throw on purpose. */
export class AppError extends Error {
  /** The specific stable reason, when the thrower gave one. */
  readonly reason: string | undefined;
  /** The reason's parameters. */
  readonly params: ReasonParams | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    why?: Reason,
  ) {
    super(message);
    this.name = 'AppError';
    this.reason = why?.reason;
    this.params = why?.params;
  }
}

/** The input does not satisfy the rules. */
export class InvalidError extends AppError {
  constructor(message: string, fieldErrors: FieldError[] = [], why?: Reason) {
    super('invalid', message, fieldErrors, why);
  }
}

/** The request needs a signed-in person. */
export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in to do this.') {
    super('unauthenticated', message);
  }
}

/** The actor may not do this. */
export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this.', why?: Reason) {
    super('forbidden', message, [], why);
  }
}

/** The thing does not exist, or the actor may not know that it exists. */
export class NotFoundError extends AppError {
  constructor(what: string) {
    super('not_found', `${what} was not found.`);
  }
}

/** The path exists but does not take this method; `allowed` lists the methods it does take. */
export class MethodNotAllowedError extends AppError {
  constructor(readonly allowed: string[]) {
    super('method_not_allowed', `Use ${allowed.join(', ')} on this path.`);
  }
}

/** The change clashes with the current state (duplicate, wrong lifecycle step). */
export class ConflictError extends AppError {
  constructor(message: string, why?: Reason) {
    super('conflict', message, [], why);
  }
}

/** The input is larger than allowed. */
export class TooLargeError extends AppError {
  constructor(message: string) {
    super('too_large', message);
  }
}

/** Too many requests; `retryAfterSeconds` tells when to try again. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many requests. Try again in ${retryAfterSeconds} s.`);
  }
}

/** A service we depend on (the virus scanner) cannot answer: 503. */
export class UnavailableError extends AppError {
  constructor(message: string, why?: Reason) {
    super('unavailable', message, [], why);
  }
}

/** True for MongoDB's duplicate-key error (E11000), which FerretDB reports the same way. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
