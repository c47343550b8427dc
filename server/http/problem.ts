/**
 * Maps every error to an RFC 9457 problem+json response, once, for the whole API. Unexpected errors
 * are logged with the request id and answered with a generic 500 that reveals nothing.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import type { ProblemBody } from '../../shared/schemas/common.js';
import { AppError, MethodNotAllowedError, RateLimitedError, type ErrorCode, type Reason } from '../errors.js';

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

const TITLE: Record<ErrorCode, string> = {
  invalid: 'Invalid request',
  unauthenticated: 'Sign-in required',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  too_large: 'Request too large',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
};

/** Sends a problem document. */
export function sendProblem(
  res: Response,
  code: ErrorCode,
  detail: string,
  errors?: ProblemBody['errors'],
  why?: Reason,
): void {
  send(res, STATUS[code], TITLE[code], code, detail, errors, why);
}

function send(
  res: Response,
  status: number,
  title: string,
  code: string,
  detail: string,
  errors?: ProblemBody['errors'],
  why?: Reason,
): void {
  const body: ProblemBody = {
    type: `https://concordia.invalid/problems/${code.replace(/_/g, '-')}`,
    title,
    status,
    code: why?.reason ?? code,
    ...(why?.params ? { params: why.params } : {}),
    detail,
    instance: res.req.originalUrl.split('?')[0],
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}

/** A body in a media type the route does not take (415); the HTTP layer's own refusal. */
export class UnsupportedMediaTypeError extends Error {
  readonly status = 415;
  constructor(message = 'Send the body as application/json.') {
    super(message);
    this.name = 'UnsupportedMediaTypeError';
  }
}

/** Converts a zod error into field messages with dotted paths. */
export function fieldErrors(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/** The API's error handler; mounted last. */
export const problemHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof RateLimitedError) {
    res.setHeader('Retry-After', String(error.retryAfterSeconds));
    return sendProblem(res, 'rate_limited', error.message);
  }
  if (error instanceof MethodNotAllowedError) res.setHeader('Allow', error.allowed.join(', '));
  if (error instanceof AppError)
    return sendProblem(
      res,
      error.code,
      error.message,
      error.fieldErrors,
      error.reason ? { reason: error.reason, params: error.params } : undefined,
    );
  if (error instanceof ZodError)
    return sendProblem(res, 'invalid', 'The request does not match the expected shape.', fieldErrors(error));
  const httpish = error as HttpishError;
  const status = httpish.status ?? httpish.statusCode;
  if (httpish.type === 'entity.too.large' || status === 413)
    return sendProblem(res, 'too_large', 'The request body is larger than allowed.');
  if (httpish.type === 'entity.parse.failed')
    return sendProblem(res, 'invalid', 'The request body is not valid JSON.');
  if (httpish.type === 'encoding.unsupported' || httpish.type === 'charset.unsupported')
    return sendProblem(res, 'invalid', 'Send the body as UTF-8 JSON.');
  if (error instanceof UnsupportedMediaTypeError || status === 415)
    return send(
      res,
      415,
      'Unsupported media type',
      'unsupported_media_type',
      error instanceof UnsupportedMediaTypeError ? error.message : 'Send the body as application/json.',
    );
  if (status && status >= 400 && status < 500 && httpish.expose)
    return sendProblem(res, 'invalid', 'The request could not be read.');
  req.log.error({ err: error }, 'unhandled error');
  res
    .status(500)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: 'about:blank',
        title: 'Internal error',
        status: 500,
        code: 'internal',
        detail: `Something went wrong. Quote request id ${String(req.id)}.`,
      }),
    );
};

/** 404 for API paths no route serves. */
export const apiNotFound: RequestHandler = (_req, res) =>
  sendProblem(res, 'not_found', 'No such API endpoint.');
