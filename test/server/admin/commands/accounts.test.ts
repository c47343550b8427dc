import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountCommands } from '../../../../server/admin/commands/accounts.js';
import type { Output } from '../../../../server/admin/commandKit.js';
import { AuthLinkModel } from '../../../../server/models/AuthLink.js';
import { SessionModel } from '../../../../server/models/Session.js';
import { resetDatabase } from '../../../support/database.js';
import { seedDirectory, type Directory } from '../../../support/fixtures.js';

function run(name: string, args: string[]): Promise<string> {
  const command = accountCommands.find((c) => c.name === name);
  if (!command) throw new Error(name);
  const lines: string[] = [];
  const out: Output = { json: false, print: (_value, human) => lines.push(human()) };
  return command.run(args, out).then(() => lines.join('\n'));
}

describe('npm run admin -- account ...', () => {
  const saved = { ...process.env };
  let dir: Directory;
  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'concordia-account-cli-'));
    process.env.PUBLIC_URL = 'https://concordia.example.org';
    process.env.NODE_ENV = 'test';
    delete process.env.SMTP_URL;
  });
  after(() => {
    process.env = saved;
  });

  it('prints an invitation link when no SMTP server is configured', async () => {
    const printed = await run('account invite', ['admin@test.example']);
    assert.match(printed, /https:\/\/concordia\.example\.org\/accept-invitation#token=[A-Za-z0-9_-]{40,}/);
    assert.equal(
      await AuthLinkModel.countDocuments({
        personId: dir.people.admin.id,
        purpose: 'invitation',
        usedAt: null,
      }),
      1,
    );
  });

  it('ends every session of a person', async () => {
    await SessionModel.create({
      _id: 'sid-1',
      personId: dir.people.expert.id,
      expires: new Date(Date.now() + 60_000),
      data: '{}',
    });
    assert.match(await run('account sign-out', ['eve@test.example']), /1 session/);
    assert.equal(await SessionModel.countDocuments({ personId: dir.people.expert.id }), 0);
  });
});
