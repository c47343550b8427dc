import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');
// The connection module only pings the database; the file store reads its own chunk collections,
// never a content collection.
const ALLOWED = new Set([
  'server/policy/contentAccess.ts',
  'server/models/Post.ts',
  'server/models/Message.ts',
  'server/models/Document.ts',
  'server/files/fileBuckets.ts',
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
  /(PostModel|MessageModel|DocumentModel)\s*\.\s*(find|findOne|findById|countDocuments|estimatedDocumentCount|aggregate|distinct|exists|where|collection)\b|readPage[^(]*\(\s*(PostModel|MessageModel|DocumentModel)|mongoose\.connection\.(db|collection)|collection\(\s*['"](posts|messages|documents)['"]|models\s*\.\s*(Post|Message|Document)\b/;

describe('the policy is the only road to content', () => {
  it('no server file outside server/policy/contentAccess.ts reads posts, messages or documents directly', () => {
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

  it('every content query in contentAccess.ts carries the readable filter, except the documented loaders', () => {
    const source = readFileSync(path.join(ROOT, 'server/policy/contentAccess.ts'), 'utf8');
    // Reads through the type's model: find by ids (filtered), findById (loadContent: a per-item check
    // follows), find (loadContents: the same for many ids, each checked before it is shown), find (loadContentMeta: policy fields only), find (findReadableMatches: search
    // candidates, filtered), find (readIndexBatch: the operator's re-indexing, shown to nobody).
    const reads = source.match(/model\(type\)\s*\.(find|findById|findOne)\(/g) ?? [];
    assert.equal(reads.length, 6);
    assert.match(source, /\.find\(\{ \$and: \[readableContentFilter\(ctx, 'read', type\), filter\] \}/);
    assert.match(source, /export async function readIndexBatch/);
    // Direct reads: the author's own message by its idempotency key, a topic's and a thread's replies
    // for the writes that carry the root's change to them (loadTopicReplies, loadThreadReplies: shown
    // to nobody), the ids of readable forum replies and room replies (findReadableReplyRefs,
    // findReadableThreadReplyRefs, filtered), and the label and audience only of a thread's live
    // replies (loadThreadReplyAudiences: per-reader live counts, no content); first, the live messages
    // carrying a document (loadMessagesCarrying: each presented again through the policy); before it,
    // the audiences only of rooms' live RED messages (loadRedAudiences: ids, shown to nobody); and,
    // before those, whether a space holds live messages or documents of a label (highestLiveLabelIn:
    // ids only, for an expert's clearance; shown to nobody).
    const direct = source.match(/(PostModel|MessageModel|DocumentModel)\.(find|findById|findOne)\(/g) ?? [];
    assert.deepEqual(direct, [
      'MessageModel.findOne(',
      'DocumentModel.findOne(',
      'MessageModel.find(',
      'MessageModel.find(',
      'MessageModel.find(',
      'MessageModel.findOne(',
      'PostModel.find(',
      'MessageModel.find(',
      'PostModel.find(',
      'MessageModel.find(',
      'MessageModel.find(',
    ]);
    assert.match(source, /MessageModel\.find\(\{ attachmentIds: documentId, state: 'visible' \}\)/);
    // The rooms' shared tail carries the policy's filter (of a probe who takes part in them); their
    // RED audiences are ids only.
    assert.match(
      source,
      /MessageModel\.find\(\{\n\s+\$and: \[readableContentFilter\(member, 'read', 'Message'\), roomRanges\(rooms\)\],/,
    );
    assert.match(
      source,
      /\{ \$and: \[roomRanges\(rooms\), \{ label: 'RED', \.\.\.liveCondition\('Message'\) \}\] \} as never,\n\s+\{ audienceIds: 1 \},/,
    );
    assert.match(source, /PostModel\.find\(\{ topicId, state: \{ \$ne: 'deleted' \} \}/);
    assert.match(source, /MessageModel\.find\(\{ threadId: rootId, state: \{ \$ne: 'deleted' \} \}/);
    assert.match(
      source,
      /MessageModel\.find\(\n\s+\{ \$and: \[readableContentFilter\(ctx, 'read', 'Message'\), \{ threadId: \{ \$in: rootIds \} \}\] \}/,
    );
    assert.match(
      source,
      /MessageModel\.find\(\{ threadId: rootId, \.\.\.liveCondition\('Message'\) \} as never, \{\n\s+_id: 0,\n\s+label: 1,\n\s+audienceIds: 1,\n\s+\}\)/,
    );
    assert.match(source, /PostModel\.find\(\n\s+\{ \$and: \[readableContentFilter\(ctx, 'read'\)/);
    assert.match(source, /MessageModel\.findOne\(\{ authorId, clientId \}\)/);
    const filtered = source.match(/readableContentFilter\(ctx, /g) ?? [];
    assert.ok(filtered.length >= 3);
    assert.match(
      source,
      /readPage<ContentDocs\[T\]>\(model\(type\), \{\n\s+filters: \[readableContentFilter/,
    );
  });

  it('the grep sees every content model in the type map', () => {
    const source = readFileSync(path.join(ROOT, 'server/policy/contentAccess.ts'), 'utf8');
    assert.match(source, /Post: PostModel as never/);
    assert.match(source, /Message: MessageModel as never/);
    assert.ok(RAW_READ.test('const x = await MessageModel.find({})'));
    assert.ok(RAW_READ.test('MessageModel.findById(id)'));
    assert.ok(RAW_READ.test("db.collection('messages')"));
  });
});
