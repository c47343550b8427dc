import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');
// The connection module only pings the database; it reads no collection.
const ALLOWED = new Set([
  'server/policy/contentAccess.ts',
  'server/models/Post.ts',
  'server/models/index.ts',
  'server/db/connect.ts',
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Reads of the content collection that do not pass through the policy's one road. */
const RAW_READ =
  /PostModel\s*\.\s*(find|findOne|findById|countDocuments|estimatedDocumentCount|aggregate|distinct|exists|where|collection)\b|readPage[^(]*\(\s*PostModel|mongoose\.connection\.(db|collection)|collection\(\s*['"]posts['"]/;

describe('the policy is the only road to content', () => {
  it('no server file outside server/policy/contentAccess.ts reads posts directly', () => {
    const offenders: string[] = [];
    for (const file of files(path.join(ROOT, 'server'))) {
      const rel = path.relative(ROOT, file).split(path.sep).join('/');
      if (ALLOWED.has(rel)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (RAW_READ.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(offenders, []);
  });

  it('every content query in contentAccess.ts carries the readable filter, except the two documented loaders', () => {
    const source = readFileSync(path.join(ROOT, 'server/policy/contentAccess.ts'), 'utf8');
    const reads = source.match(/PostModel\.(find|findById|findOne)\(/g) ?? [];
    const filtered = source.match(/readableContentFilter\(ctx, /g) ?? [];
    // find (by ids, filtered), findById (loadContent: per-item check follows), find (loadContentMeta: policy
    // fields only), find (findReadableReplyRefs: ids of readable forum replies, filtered)
    assert.equal(reads.length, 4);
    assert.ok(filtered.length >= 3);
    assert.match(source, /readPage<PostDoc>\(PostModel as never, \{\n\s+filters: \[readableContentFilter/);
    // Reads generic over content collections (search): the search candidates carry the readable
    // filter of their subject; the operator's re-indexing batch reads index fields for nobody to see.
    const generic =
      (source.match(/\.find\(/g) ?? []).length - (source.match(/PostModel\.find\(/g) ?? []).length;
    assert.equal(generic, 2);
    assert.match(
      source,
      /\.find\(\{ \$and: \[readableContentFilter\(ctx, 'read', source\.subject\), filter\] \}/,
    );
    assert.match(source, /export async function readIndexBatch/);
  });
});
