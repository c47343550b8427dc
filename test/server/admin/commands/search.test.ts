import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Output } from '../../../../server/admin/commandKit.js';
import { searchCommands } from '../../../../server/admin/commands/search.js';
import { PostModel } from '../../../../server/models/Post.js';
import { resetDatabase, testDatabaseName, testDatabaseUri } from '../../../support/database.js';
import { runAdmin } from '../../../support/serverProcess.js';

async function run(args: string[]): Promise<string[]> {
  const command = searchCommands.find((c) => c.name === 'search reindex')!;
  const lines: string[] = [];
  const out: Output = { json: false, print: (_value, human) => lines.push(human()) };
  await command.run(args, out);
  return lines;
}

describe('npm run admin -- search reindex', () => {
  before(resetDatabase);

  it('prints progress and a summary, and refuses bad options clearly', async () => {
    const lines = await run(['--batch', '10', '--types', 'post']);
    assert.deepEqual(lines, ['done: post 0/0 updated']);
    await assert.rejects(run(['--batch', '0']), /batch/);
    await assert.rejects(run(['--types', 'secrets']), /types/);
    await assert.rejects(run(['--nope']), /nope/);
  });

  it('runs as a real command: re-indexes stale items and exits 0', async function () {
    this.timeout(120_000);
    const stale = await PostModel.create({
      spaceId: new PostModel.base.Types.ObjectId(),
      label: 'GREEN',
      authorId: new PostModel.base.Types.ObjectId(),
      state: 'visible',
      title: 'Les habitants mobilisés',
      body: 'dans le quartier',
      tokens: ['stale'],
    });
    const env = {
      MONGODB_URI: testDatabaseUri(),
      DB_NAME: testDatabaseName(),
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'concordia-search-cli-')),
    };
    const first = await runAdmin(['search', 'reindex', '--batch', '2'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /post: 1 read, 1 updated, 0 skipped/);
    assert.match(first.stdout, /done: post 1\/1 updated/);
    const stored = await PostModel.findById(stale._id).lean();
    assert.ok(stored?.tokens.includes('mobilis'));
    const again = await runAdmin(['search', 'reindex'], env);
    assert.match(again.stdout, /done: post 0\/1 updated/);
  });
});
