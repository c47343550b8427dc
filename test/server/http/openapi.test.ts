import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { Validator } from '@seriousme/openapi-schema-validator';
import { testApp } from '../../support/app.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  name?: string;
  handle?: { stack?: Layer[] };
  match(path: string): boolean;
}

/** Every [METHOD, path] the Express app serves under /api/v1, read from the router itself. */
function mountedApiRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        // `_all` is the 405 answer mounted for every known path, not a route of its own.
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all'))
          found.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (
        layer.name === 'router' &&
        layer.handle?.stack &&
        layer.match('/api/v1') &&
        !layer.match('/elsewhere')
      ) {
        walk(layer.handle.stack, '/api/v1');
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found.filter((r) => r.includes(' /api/v1/')).map((r) => r.replace(/:([A-Za-z]+)/g, '{$1}'));
}

describe('/api/openapi.json', () => {
  let app: Express;
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, unknown> };
  };
  before(async () => {
    app = testApp();
    doc = (await request(app).get('/api/openapi.json').expect(200).expect('Content-Type', /json/)).body;
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  });

  it('lists every API route the server mounts, and nothing it does not', () => {
    const mounted = mountedApiRoutes(app).sort();
    assert.ok(mounted.length >= 15, `found ${mounted.length} routes`);
    const documented = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/v1/'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    assert.deepEqual(documented, mounted);
  });

  it('documents the stable paths, operations endpoints and named schemas', () => {
    for (const p of [
      '/api/v1/hubs',
      '/api/v1/cities',
      '/api/v1/people',
      '/api/v1/applications',
      '/healthz',
      '/readyz',
      '/metrics',
    ]) {
      assert.ok(doc.paths[p], `${p} documented`);
    }
    for (const name of ['Hub', 'City', 'Person', 'Application', 'Problem'])
      assert.ok(doc.components.schemas[name], `${name} schema`);
  });

  it('states text limits (after normalisation) for fuzzers and clients', () => {
    const search = doc.paths['/api/v1/search']?.get as { parameters: { name: string; schema: unknown }[] };
    const q = search.parameters.find((p) => p.name === 'q');
    const schema = q?.schema as { type: string; minLength: number; maxLength: number; pattern: string };
    assert.deepEqual([schema.type, schema.minLength, schema.maxLength], ['string', 1, 200]);
    // The pattern says what the server refuses: control and direction-override characters inside.
    const pattern = new RegExp(schema.pattern, 'u');
    assert.ok(pattern.test(' Lyon depots '));
    assert.ok(!pattern.test('Lyon\u202edepots'));
    assert.ok(!pattern.test('   '));
  });
});
