/** Builds the OpenAPI 3.1 document from the same route definitions and zod schemas the server uses. */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { openApiPath, type AnyRoute } from './defineRoute.js';

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
  for (const route of routes) registry.registerPath(openApiPath(route, prefix));
  extra(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Concordia API',
      version: '1.0.0',
      description: 'The membership directory and collaboration API of the Concordia network of cities.',
    },
    servers: [{ url: '/' }],
    security: [{ apiToken: [] }],
  });
}
