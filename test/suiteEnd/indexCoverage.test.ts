/**
 * Every query the server suite sent is served by an index declared in the models, or is allowlisted
 * with a reason (test/support/indexAllowlist.ts). The shapes come from the recorder the root hooks
 * start (test/support/queryShapes.ts), so this file must run after every other server test: it lives
 * outside test/server and test/.mocharc.json lists it last (a file the `test/server/**` glob matched
 * would load in glob order). With `TEST_MONGODB_URI` set, each shape is also explained on MongoDB
 * and a collection scan fails the test.
 */
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import '../../server/models/index.js';
import { INDEX_ALLOWLIST } from '../support/indexAllowlist.js';
import {
  indexesCreatedAtRunTime,
  loadQueryShapes,
  recordedQueryShapes,
  saveQueryShapes,
  type RecordedShape,
} from '../support/queryShapes.js';
import {
  indexSpec,
  indexText,
  needsNoIndex,
  shapeServed,
  type IndexSpec,
} from '../support/queryShapesCoverage.js';
import { explainStages } from '../support/queryShapesExplain.js';
import { indexKeyOf, shapesOfCommand } from '../support/queryShapesParse.js';

/** Each collection's indexes: the models' `schema.indexes()` and `_id`; for a collection without a model, the `createIndexes` the run sent. */
function declaredIndexes(): Map<string, IndexSpec[]> {
  const byCollection = new Map<string, IndexSpec[]>();
  const idIndex = indexSpec({ _id: 1 })!;
  for (const model of Object.values(mongoose.models)) {
    const specs = model.schema
      .indexes()
      .map(([keys, options]) =>
        indexSpec(keys as Record<string, unknown>, options as Record<string, unknown>),
      )
      .filter((spec): spec is IndexSpec => spec !== null);
    byCollection.set(model.collection.collectionName, [idIndex, ...specs]);
  }
  for (const [collection, keys] of indexesCreatedAtRunTime()) {
    if (byCollection.has(collection)) continue;
    const specs = keys.map((key) => indexSpec(key)).filter((spec): spec is IndexSpec => spec !== null);
    byCollection.set(collection, [idIndex, ...specs]);
  }
  return byCollection;
}

/**
 * True when every query of the shape came from a test's own code (a check of what was stored, such as
 * messages by `clientId`), never from `server/`: those are recorded but need no index.
 */
function sentByTestsOnly(entry: RecordedShape): boolean {
  return [...entry.origins].every((origin) => origin.startsWith('test '));
}

function describeShape(key: string, entry: RecordedShape, indexes: IndexSpec[]): string {
  const ops = [...entry.ops].sort().join(', ');
  const known = indexes.map(indexText).join(' ');
  const from = [...entry.origins].sort().slice(0, 3).join(', ');
  return `${key}\n      ops: ${ops}; sent ${entry.count}× from ${from}; indexes: ${known || '(none declared)'}`;
}

describe('the query-shape reader and the ESR rule it is checked by', function () {
  const served = (command: Record<string, unknown>, keys: Record<string, number>[]) => {
    const [shape] = shapesOfCommand(Object.keys(command)[0]!, command);
    assert.ok(shape);
    return shapeServed(
      shape.filter,
      shape.sort,
      keys.map((key) => indexSpec(key)!),
    );
  };
  const sort = (entries: [string, number][]) => new Map(entries);

  it('keeps paths and condition kinds, never values, and reads $and, $or and $elemMatch', function () {
    const id = new mongoose.Types.ObjectId();
    const [shape] = shapesOfCommand('find', {
      find: 'posts',
      filter: {
        $and: [{ spaceId: id }, { label: { $in: ['GREEN'] } }],
        createdAt: { $gte: new Date(), $lt: new Date() },
        title: /^secret/,
        moderation: { $elemMatch: { state: 'open', at: { $gt: 1 } } },
        $or: [{ authorId: id }, { audienceIds: id }],
      },
      sort: sort([['createdAt', -1]]),
      projection: { body: 0 },
    });
    assert.equal(
      indexKeyOf(shape!),
      'posts {createdAt:range, label:in, moderation.at:range, moderation.state:eq, spaceId:eq, title:regex, ' +
        'or[{authorId:eq} | {audienceIds:eq}]} sort(createdAt:-1)',
    );
    assert.doesNotMatch(JSON.stringify(shape), /secret|GREEN/);
  });

  it("reads updates, deletes, findAndModify, counts and an aggregate's leading $match and $sort", function () {
    const ops = [
      { update: 'people', updates: [{ q: { email: 'a' }, u: {}, multi: true }] },
      { delete: 'people', deletes: [{ q: { email: 'a' }, limit: 1 }] },
      { findAndModify: 'people', query: { email: 'a' }, sort: { _id: 1 } },
      { aggregate: 'people', pipeline: [{ $match: { email: 'a' } }, { $group: { _id: 1, n: { $sum: 1 } } }] },
      { aggregate: 'people', pipeline: [{ $match: { email: 'a' } }, { $sort: { name: 1 } }, { $limit: 5 }] },
      { count: 'people', query: { email: 'a' } },
    ];
    const shapes = ops.flatMap((command) => shapesOfCommand(Object.keys(command)[0]!, command));
    assert.deepEqual(
      shapes.map((shape) => `${shape.op} ${indexKeyOf(shape)}`),
      [
        'updateMany people {email:eq}',
        'deleteOne people {email:eq}',
        'findOneAndUpdate people {email:eq} sort(_id:1)',
        'countDocuments people {email:eq}',
        'aggregate people {email:eq} sort(name:1)',
        'count people {email:eq}',
      ],
    );
    assert.deepEqual(shapesOfCommand('insert', { insert: 'people', documents: [{}] }), []);
    assert.deepEqual(
      shapesOfCommand('count', { count: 'people' }),
      [],
      'estimatedDocumentCount reads metadata',
    );
  });

  it('serves equality first in any order, then the sort either way round, then a range', function () {
    const index = { spaceId: 1, state: 1, createdAt: -1, _id: -1 };
    const find = (filter: Record<string, unknown>, by: [string, number][] = []) => ({
      find: 'posts',
      filter,
      sort: sort(by),
    });
    const x = 'x';
    assert.ok(served(find({ state: x, spaceId: x }), [index]));
    assert.ok(
      served(
        find({ spaceId: x, state: x }, [
          ['createdAt', -1],
          ['_id', -1],
        ]),
        [index],
      ),
    );
    assert.ok(
      served(
        find({ spaceId: x, state: x }, [
          ['createdAt', 1],
          ['_id', 1],
        ]),
        [index],
      ),
      'reversed',
    );
    assert.ok(served(find({ spaceId: x, state: x, createdAt: { $lt: 1 } }), [index]));
    assert.ok(
      served(
        find({ spaceId: x, state: x }, [
          ['state', 1],
          ['createdAt', -1],
          ['_id', -1],
        ]),
        [index],
      ),
    );
  });

  it('refuses a scan, a blocking sort, an index led by a non-equality field, and an $or with a bare branch', function () {
    const index = { spaceId: 1, state: 1, createdAt: -1, _id: -1 };
    const find = (filter: Record<string, unknown>, by: [string, number][] = []) => ({
      find: 'posts',
      filter,
      sort: sort(by),
    });
    const x = 'x';
    assert.equal(served(find({}), [index]), false, 'no filter, no sort');
    assert.equal(served(find({ authorId: x }), [index]), false, 'no index on the field');
    assert.equal(
      served(
        find({ spaceId: x }, [
          ['createdAt', -1],
          ['_id', 1],
        ]),
        [{ spaceId: 1, createdAt: -1, _id: -1 }],
      ),
      false,
      'mixed directions',
    );
    assert.equal(served(find({ spaceId: x }, [['_id', -1]]), [index]), false, 'sort after a gap');
    assert.equal(served(find({ state: x }), [index]), false, 'not a prefix');
    assert.equal(served(find({ spaceId: { $ne: x } }), [index]), false, '$ne bounds nothing');
    assert.equal(served(find({ state: x }, [['spaceId', 1]]), [{ spaceId: 1 }]), false, 'equality must lead');
    assert.equal(
      served(find({ $or: [{ spaceId: x }, { authorId: x }] }), [index]),
      false,
      'a branch without an index scans',
    );
    assert.ok(served(find({ $or: [{ spaceId: x }, { authorId: x }] }), [index, { authorId: 1 }]));
    assert.ok(served({ find: 'posts', filter: {}, sort: sort([['_id', 1]]) }, [{ _id: 1 }]));
  });
});

describe('index coverage of every recorded query (issue #16)', function () {
  this.timeout(120_000);
  const allowed = new Map(INDEX_ALLOWLIST.map((entry) => [entry.shape, entry.reason]));

  // QUERY_SHAPES_FILE keeps this run's shapes; QUERY_SHAPES_REPLAY checks a kept file's shapes against
  // today's models and allowlist, without running the whole suite again.
  before(function () {
    if (process.env.QUERY_SHAPES_REPLAY) loadQueryShapes(process.env.QUERY_SHAPES_REPLAY);
    else if (process.env.QUERY_SHAPES_FILE) saveQueryShapes(process.env.QUERY_SHAPES_FILE);
  });

  it('every allowlisted shape gives a reason, once', function () {
    assert.equal(allowed.size, INDEX_ALLOWLIST.length, 'a shape is allowlisted twice');
    for (const entry of INDEX_ALLOWLIST)
      assert.ok(entry.reason.trim().length >= 10, `no real reason for ${entry.shape}`);
  });

  it('serves each shape by a declared index (equality, sort, range), or allowlists it', function () {
    const shapes = recordedQueryShapes();
    assert.ok(
      shapes.size > 0,
      'no query was recorded: the root hooks connect with monitorCommands (test/support/database.ts) and ' +
        'start the recorder; this file must run after the server tests',
    );
    const indexes = declaredIndexes();
    const uncovered: string[] = [];
    let served = 0;
    let whole = 0;
    let listed = 0;
    let testsOnly = 0;
    for (const [key, entry] of shapes) {
      const own = indexes.get(entry.shape.collection) ?? [];
      if (sentByTestsOnly(entry)) testsOnly += 1;
      else if (needsNoIndex(entry.shape)) whole += 1;
      else if (shapeServed(entry.shape.filter, entry.shape.sort, own)) served += 1;
      else if (allowed.has(key)) listed += 1;
      else uncovered.push(describeShape(key, entry, own));
    }
    const unused = [...allowed.keys()].filter((key) => !shapes.has(key));
    process.stdout.write(
      `      index coverage: ${shapes.size} shapes: ${served} served by an index, ${listed} allowlisted, ` +
        `${whole} with no filter nor sort, ${testsOnly} sent by tests only` +
        (unused.length > 0 ? `; allowlist entries not seen in this run: ${unused.length}` : '') +
        '\n',
    );
    if (uncovered.length > 0)
      assert.fail(
        `${uncovered.length} query shape(s) have no index; add one to the model or allowlist the shape ` +
          `with a reason (test/support/indexAllowlist.ts):\n    ${uncovered.join('\n    ')}\n`,
      );
  });

  it('MongoDB plans no collection scan for a shape that is not allowlisted (TEST_MONGODB_URI)', async function () {
    if (!process.env.TEST_MONGODB_URI) this.skip();
    const scans: string[] = [];
    for (const [key, entry] of recordedQueryShapes()) {
      if (allowed.has(key) || needsNoIndex(entry.shape) || sentByTestsOnly(entry)) continue;
      const stages = await explainStages(entry.shape);
      if (stages.includes('COLLSCAN')) scans.push(`${key}  (plan: ${stages.join(' < ')})`);
    }
    if (scans.length > 0) assert.fail(`MongoDB scans the collection for:\n    ${scans.join('\n    ')}\n`);
  });
});
