/**
 * Hostile input against every operation of the API document, generically: a route added tomorrow
 * gets the same tests with no line written for it. Each operation must refuse, with problem+json and
 * a clear 4xx, storing nothing: `$`, dotted and prototype keys, unknown fields, wrong types,
 * oversize and non-JSON bodies, malformed path parameters; and an anonymous caller of a non-public
 * operation gets 401 before anything else is looked at. Real server and database.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import mongoose from 'mongoose';
import { seededApp } from '../../support/fixtures.js';

interface Schema {
  type?: string | string[];
  pattern?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  $ref?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
}
interface Operation {
  security?: unknown[];
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const BODY_LIMIT = 16 * 1024;
const WRITES = ['post', 'put', 'patch', 'delete'];

/** Counts every document in every collection, to prove a refused request stored nothing. */
async function snapshot(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, model] of Object.entries(mongoose.models)) {
    if (name === 'AuditEntry' || name === 'AuditOutbox') continue; // refusals may be audited on purpose
    counts[name] = await model.countDocuments({});
  }
  return counts;
}

/** A value the parameter's schema accepts, so that only the part under test is wrong. */
function validParameter(schema: Schema | undefined): string {
  if (schema?.enum?.length) return String(schema.enum[0]);
  if (schema?.pattern?.includes('a-f0-9]{24}')) return '0'.repeat(24);
  if (schema?.type === 'integer' || schema?.type === 'number') return '1';
  return 'zz';
}

/** A value of the wrong JSON type for a property of this schema. */
function wrongType(schema: Schema): unknown {
  const types = ([] as string[]).concat(schema.type ?? []);
  if (types.includes('string')) return 12345;
  if (types.includes('number') || types.includes('integer')) return 'not a number';
  if (types.includes('boolean')) return 'not a boolean';
  if (types.includes('array')) return { not: 'an array' };
  if (types.includes('object')) return 'not an object';
  return null;
}

function resolve(doc: OpenApi, schema: Schema | undefined): Schema | undefined {
  if (schema?.$ref) return doc.components.schemas[schema.$ref.split('/').at(-1) ?? ''];
  return schema;
}

/** The operations of the API document under /api/v1, with a concrete path to call. */
function operations(doc: OpenApi) {
  const found: { label: string; method: string; url: string; op: Operation; jsonBody: Schema | undefined }[] =
    [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const url = path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
        validParameter(op.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema),
      );
      const jsonBody = resolve(doc, op.requestBody?.content['application/json']?.schema);
      found.push({ label: `${method.toUpperCase()} ${path}`, method, url, op, jsonBody });
    }
  }
  return found;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

describe('hostile input, every operation of the API document', function () {
  this.timeout(600_000);
  const t = seededApp({
    BODY_LIMIT: '16kb',
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000',
  });
  /** A request with the method named at run time (get, post… trace). */
  const send = (method: string, url: string): request.Test =>
    (request(t.app) as unknown as Record<string, (u: string) => request.Test>)[method]!(url);
  let doc: OpenApi;
  const failures: string[] = [];

  before(async () => {
    doc = (await request(t.app).get('/api/openapi.json').expect(200)).body as OpenApi;
  });

  /** Sends one request and checks it is the expected refusal as problem+json; notes a failure otherwise. */
  async function expectRefusal(
    label: string,
    what: string,
    status: number | number[],
    send: () => request.Test,
  ): Promise<request.Response> {
    const res = await send();
    const wanted = ([] as number[]).concat(status);
    if (
      !wanted.includes(res.status) ||
      !/^application\/problem\+json/.test(res.headers['content-type'] ?? '')
    )
      failures.push(`${label}: ${what}: got ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    else if (JSON.stringify(res.body).includes('    at ')) failures.push(`${label}: ${what}: a stack trace`);
    return res;
  }

  it('covers every operation (a sanity check on the document read)', () => {
    const all = operations(doc);
    assert.ok(all.length >= 100, `found ${all.length} operations`);
    assert.ok(all.filter((o) => o.jsonBody).length >= 40);
  });

  it('refuses anonymous callers of non-public operations with 401, even with hostile input', async () => {
    const before = await snapshot();
    for (const { label, method, url, op } of operations(doc)) {
      // Public, or open to anyone with the policy deciding (`{}` among the requirements).
      if (op.security?.length === 0 || op.security?.some((s) => Object.keys(s as object).length === 0))
        continue;
      await expectRefusal(label, 'anonymous', 401, () => {
        const req = request(t.app)[method as Method](url);
        return WRITES.includes(method) ? req.send({ zzUnknown: 1 }) : req;
      });
    }
    assert.deepEqual(await snapshot(), before);
    assert.deepEqual(failures.splice(0), []);
  });

  it('refuses `$`, dotted and prototype keys in the query of every operation', async () => {
    const before = await snapshot();
    for (const { label, method, url } of operations(doc)) {
      for (const [what, query] of [
        ['$-key in the query', '$where=1'],
        ['dotted key in the query', 'a.b=1'],
        ['prototype key in the query', '__proto__=1'],
      ]) {
        await expectRefusal(label, what!, 400, () =>
          request(t.app)[method as Method](`${url}?${query}`).set(t.dir.people.admin.auth),
        );
      }
    }
    assert.deepEqual(await snapshot(), before);
    assert.deepEqual(failures.splice(0), []);
  });

  it('refuses malformed path parameters of every operation with 400', async () => {
    const before = await snapshot();
    for (const { label, method, op } of operations(doc)) {
      const path = Object.entries(doc.paths).find(([, ops]) => ops[method] === op)?.[0] ?? '';
      for (const param of op.parameters?.filter((p) => p.in === 'path') ?? []) {
        if (!param.schema?.pattern && !param.schema?.enum) continue;
        const url = path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
          name === param.name
            ? '%7B%22%24ne%22%3A1%7D'
            : validParameter(op.parameters?.find((p) => p.name === name)?.schema),
        );
        await expectRefusal(label, `operator in path parameter ${param.name}`, 400, () =>
          send(method, url)
            .set(t.dir.people.admin.auth)
            .send(WRITES.includes(method) ? {} : undefined),
        );
      }
    }
    assert.deepEqual(await snapshot(), before);
    assert.deepEqual(failures.splice(0), []);
  });

  it('refuses hostile JSON bodies on every operation that takes one', async () => {
    const before = await snapshot();
    const valid = JSON.stringify({});
    for (const { label, method, url, jsonBody } of operations(doc)) {
      if (!jsonBody) continue;
      const call = () => request(t.app)[method as Method](url).set(t.dir.people.admin.auth);
      await expectRefusal(label, '$-key', 400, () => call().send({ $where: 'sleep(1000)' }));
      await expectRefusal(label, 'nested $-operator', 400, () => call().send({ a: { $ne: null } }));
      await expectRefusal(label, 'dotted key', 400, () => call().send({ 'a.b': 1 }));
      await expectRefusal(label, '__proto__ key', 400, () =>
        call().set('Content-Type', 'application/json').send(`{"__proto__":{"isAdmin":true}}`),
      );
      const unknown = await expectRefusal(label, 'unknown field', 400, () => call().send({ zzUnknown: 1 }));
      if (
        unknown.status === 400 &&
        jsonBody.type === 'object' &&
        !JSON.stringify(unknown.body).includes('zzUnknown')
      )
        failures.push(`${label}: unknown field: the refusal does not name it`);
      for (const [name, property] of Object.entries(jsonBody.properties ?? {})) {
        const wrong = wrongType(resolve(doc, property) ?? {});
        if (wrong === null) continue;
        const res = await expectRefusal(label, `wrong type for ${name}`, 400, () =>
          call().send({ [name]: wrong }),
        );
        const paths = ((res.body as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);
        if (res.status === 400 && !paths.some((p) => p === `body.${name}` || p.startsWith(`body.${name}.`)))
          failures.push(`${label}: wrong type for ${name}: not named in ${JSON.stringify(paths)}`);
      }
      await expectRefusal(label, 'array instead of object', 400, () => call().send([{}]));
      await expectRefusal(label, 'malformed JSON', 400, () =>
        call().set('Content-Type', 'application/json').send('{"a": '),
      );
      await expectRefusal(label, 'oversize body', 413, () => call().send({ zz: 'x'.repeat(BODY_LIMIT + 1) }));
      await expectRefusal(label, 'text body', 415, () =>
        call().set('Content-Type', 'text/plain').send(valid),
      );
      await expectRefusal(label, 'form body', 415, () =>
        call().set('Content-Type', 'application/x-www-form-urlencoded').send('a=1'),
      );
    }
    assert.deepEqual(await snapshot(), before);
    assert.deepEqual(failures.splice(0), []);
  });

  it('answers 405 with Allow to methods a documented path does not list, TRACE included', async () => {
    const patterns = Object.entries(doc.paths).map(([path, ops]) => ({
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      methods: Object.keys(ops).map((m) => m.toUpperCase()),
      params: path.split('{').length - 1,
    }));
    for (const [path, ops] of Object.entries(doc.paths)) {
      const url = path.replace(/\{[^}]+\}/g, '0'.repeat(24));
      const listed = Object.keys(ops).map((m) => m.toUpperCase());
      // `/uploads/settings` also matches `/uploads/{id}`: the literal path is the resource.
      const served = patterns
        .filter((p) => p.pattern.test(path) && p.params === path.split('{').length - 1)
        .flatMap((p) => p.methods);
      for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH']) {
        if (served.includes(method)) continue;
        const res = await send(method.toLowerCase(), url).set(t.dir.people.admin.auth);
        if (res.status !== 405 || !res.headers.allow)
          failures.push(`${method} ${path}: got ${res.status}, allow ${String(res.headers.allow)}`);
        else if (!listed.filter((m) => m !== 'HEAD').every((m) => res.headers.allow?.includes(m)))
          failures.push(`${method} ${path}: Allow ${res.headers.allow} misses one of ${listed.join(', ')}`);
      }
    }
    const client = await request(t.app).trace('/');
    assert.equal(client.status, 405);
    assert.ok(client.headers.allow);
    assert.deepEqual(failures.splice(0), []);
  });
});
