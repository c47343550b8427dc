/** Builds the OpenAPI 3.1 document from the same route definitions and zod schemas the server uses. */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { openApiPath, problemResponse, SIGNED_IN_READ, type AnyRoute } from './defineRoute.js';

/** The document for the given routes, mounted under `prefix`. Extra paths (health, metrics) are added by the caller. */
export function buildOpenApiDocument(
  routes: AnyRoute[],
  prefix: string,
  extra: (registry: OpenAPIRegistry) => void,
) {
  const registry = new OpenAPIRegistry();
  // Shared schemas name themselves with zod's .meta({ id }), which becomes a $ref component here.
  registry.registerComponent('securitySchemes', 'apiToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'A personal API token (cct_...) issued with `npm run admin -- token create`.',
  });
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'concordia.sid',
    description:
      'The browser session cookie, set by signing in (SAML, local account or the development sign-in).',
  });
  registry.registerComponent('securitySchemes', 'csrfToken', {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description:
      'With a session cookie, every write sends the session token from GET /api/v1/csrf (else 403).',
  });
  for (const route of routes) registry.registerPath(openApiPath(route, prefix));
  extra(registry);
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Concordia API',
      version: '1.0.0',
      description:
        'The membership directory and collaboration API of the Concordia network of cities. Checks run in ' +
        'one order: method (405 with Allow), flood guard per address (429), body type, size and keys ' +
        '(415, 413, 400), credentials (401), CSRF for signed-in browser sessions (403), rate limits per ' +
        'person or per anonymous address (429), input schema (400), then the policy (403/404) and the ' +
        'state (409). Errors are application/problem+json. Cursors are opaque strings of a fixed shape ' +
        '(the `Cursor` and `SearchCursor` schemas). See docs/API.md.',
    },
    servers: [{ url: '/' }],
    security: SIGNED_IN_READ,
  });
  completeResponses((document.paths ?? {}) as Record<string, Record<string, unknown>>);
  return document;
}

/** The statuses any request to the path may meet, whatever the operation declared itself. */
function commonStatuses(path: string, method: string): number[] {
  if (!path.startsWith('/api/v1/')) return [429, 500];
  const write = !['get', 'head', 'options'].includes(method);
  return [400, 401, 403, 404, ...(write ? [413] : []), ...(write ? [415] : []), 429, 500];
}

/**
 * Adds the answers every route shares to operations registered by hand (operations endpoints, file
 * routes): the flood guard's 429 and a 500 everywhere, and under /api/v1 the input guards',
 * credentials', CSRF and not-found refusals.
 */
function completeResponses(paths: Record<string, Record<string, unknown>>): void {
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const responses = (operation as { responses?: Record<string, unknown> }).responses;
      if (!responses) continue;
      for (const code of commonStatuses(path, method)) responses[String(code)] ??= problemResponse(code);
    }
  }
}
