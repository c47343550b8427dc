/**
 * The Express app: the middleware order in one readable list, no listen(). Every API request passes
 * the same road: request id and log, compression, headers, rate limit, body parsing and guards, actor, route.
 */
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import { ANONYMOUS } from '../shared/policy/actor.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createActorResolver } from './http/actor.js';
import { requireCsrfToken } from './auth/csrf.js';
import { createSessionMiddleware } from './auth/sessions.js';
import { sessionRoutes } from './http/routes/session.js';
import { identityProviderRoutes } from './http/routes/identityProviders.js';
import { scimTokenRoutes } from './http/routes/scimTokens.js';
import { spKeyRoutes } from './http/routes/spKeys.js';
import { scimHandlers } from './http/scim/scimRouter.js';
import { samlRoutes } from './http/saml/samlRoutes.js';
import { devIdpRoutes } from './http/devIdp/devIdpRoutes.js';
import { localAuthRoutes } from './http/routes/localAuth.js';
import { webAuthnRoutes } from './http/routes/webauthn.js';
import { createIpThrottle } from './auth/local/loginThrottle.js';
import { configureDataKeys } from './secrets/sealedSecrets.js';
import { configureAuditKey } from './audit/auditKey.js';
import { createMailer, type Mailer } from './auth/mailer.js';
import type { AuthContext } from './auth/authContext.js';
import { clientApp } from './http/clientApp.js';
import { compressResponses } from './http/compressResponses.js';
import { requestLog } from './http/requestLog.js';
import { mountRoutes, type AnyRoute } from './http/defineRoute.js';
import { rejectUnsafeKeys, requireJsonBody } from './http/inputGuards.js';
import { methodGate } from './http/methodGate.js';
import { FILE_WRITE_ROUTES, signInGate } from './http/signInGate.js';
import { buildOpenApiDocument } from './http/openapi.js';
import { apiNotFound, problemHandler } from './http/problem.js';
import { createRateLimits } from './http/rateLimit.js';
import { applicationRoutes } from './http/routes/applications.js';
import { cityRoutes } from './http/routes/cities.js';
import { hubRoutes } from './http/routes/hubs.js';
import { peopleRoutes } from './http/routes/people.js';
import { meRoutes } from './http/routes/me.js';
import { moderationRoutes } from './http/routes/moderation.js';
import { postRoutes } from './http/routes/posts.js';
import { searchRoutes } from './http/routes/search.js';
import { spaceRoutes } from './http/routes/spaces.js';
import { libraryRoutes } from './http/routes/library.js';
import { requestRoutes } from './http/routes/requests.js';
import { invitationRoutes } from './http/routes/invitations.js';
import { expertRoutes } from './http/routes/experts.js';
import { forumRoutes } from './http/routes/forums.js';
import { roomRoutes } from './http/routes/rooms.js';
import { homeRoutes } from './http/routes/home.js';
import { documentRoutes, mountDocumentFiles } from './http/routes/documents.js';
import { isTusAppend } from './http/files/tus.js';
import { documentFileOperations } from './http/files/fileOperations.js';
import { setScanning } from './services/documents/presentDocument.js';
import { setRetentionSettings } from './services/documents/retentionPeriod.js';
import { createMetrics } from './ops/metrics.js';
import { documentOperations, operationsRoutes, type ReadinessState } from './ops/operationsRoutes.js';

/** What the app needs from its process. */
export interface AppDependencies {
  config: Config;
  logger: Logger;
  redis?: Redis;
  readiness?: ReadinessState;
  /** The session middleware, shared with Socket.IO; made from the config when not given. */
  sessionMiddleware?: RequestHandler;
  /** Outgoing mail; made from the config when not given (tests pass one that keeps the messages). */
  mailer?: Mailer;
}

const API_PREFIX = '/api/v1';

/** Builds the app. */
export function createApp({
  config,
  logger,
  redis,
  readiness = { shuttingDown: false },
  sessionMiddleware = createSessionMiddleware(config),
  mailer = createMailer(config, logger),
}: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  app.locals.config = config;
  configureDataKeys(config.dataEncryptionKeys);
  configureAuditKey(config.audit.key);
  const auth: AuthContext = { config, mailer, ipThrottle: createIpThrottle(config, redis) };
  app.locals.auth = auth;

  const metrics = createMetrics();
  const limits = createRateLimits(config, redis);

  app.use(requestLog(logger, config.trustProxy));
  app.use(compressResponses());
  app.use(metrics.record);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(config.env === 'production' ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      crossOriginEmbedderPolicy: true,
      // HSTS over plain-http development would only confuse browsers about localhost.
      strictTransportSecurity:
        config.env === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use((req, _res, next) => {
    req.actor = ANONYMOUS;
    next();
  });
  if (config.corsOrigins.length > 0)
    app.use('/api', cors({ origin: config.corsOrigins, credentials: true, maxAge: 600 }));
  // The order of the checks is deliberate (docs/API.md): method first (405), then the flood guard.
  app.use((req, res, next) => checkMethod(req, res, next));
  app.use(limits.general);

  app.use(operationsRoutes(metrics, config.metricsToken, readiness, config.env === 'production'));

  app.use(['/api', '/auth'], sessionMiddleware);

  const routes: AnyRoute[] = [
    ...sessionRoutes,
    ...identityProviderRoutes,
    ...scimTokenRoutes,
    ...spKeyRoutes,
    ...localAuthRoutes,
    ...webAuthnRoutes,
    ...hubRoutes,
    ...cityRoutes,
    ...peopleRoutes,
    ...applicationRoutes(limits.publicForm),
    ...spaceRoutes,
    ...invitationRoutes,
    ...postRoutes,
    ...forumRoutes,
    ...moderationRoutes,
    ...meRoutes,
    ...roomRoutes,
    ...searchRoutes,
    ...homeRoutes,
    ...documentRoutes,
    ...expertRoutes,
    ...requestRoutes,
    ...libraryRoutes,
  ];
  const openApi = buildOpenApiDocument(routes, API_PREFIX, (registry) => {
    documentOperations(registry);
    documentFileOperations(registry);
  });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  const checkMethod = methodGate(openApi.paths ?? {});

  const api = express.Router();
  api.use((_req, res, next) => {
    // API answers are per person and may carry protected material: never store them in caches.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(requireJsonBody);
  api.use(express.json({ limit: config.bodyLimit, strict: true, type: 'application/json' }));
  api.use(rejectUnsafeKeys);
  api.use(createActorResolver(config));
  api.use(signInGate([...FILE_WRITE_ROUTES, ...routes]));
  api.use(requireCsrfToken((path) => path.startsWith('/auth/')));
  api.use(limits.perPerson);
  // A resumable upload's chunks are one write: they count against the general limits only.
  api.use((req, res, next) => (isTusAppend(req) ? next() : limits.writes(req, res, next)));
  setScanning(Boolean(config.uploads.clamdUrl));
  setRetentionSettings(config.uploads);
  mountDocumentFiles(api, config);
  mountRoutes(api, routes, API_PREFIX);
  app.use(API_PREFIX, api);
  app.use('/api', apiNotFound);
  app.use('/auth/saml', samlRoutes(config));
  // The development identity provider exists only in development with demo data, never in production.
  if (config.env !== 'production' && config.demoData) app.use('/dev-idp', devIdpRoutes(config));

  // SCIM provisioning answers in its own format, unknown paths and errors included (never the web page).
  app.use('/scim', ...scimHandlers(config, redis));

  app.use(clientApp(config.clientDir));
  app.use(problemHandler);
  return app;
}
