import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { identityProviderCommands } from '../../../../server/admin/commands/identityProviders.js';
import type { Output } from '../../../../server/admin/commandKit.js';
import { IdentityProviderModel } from '../../../../server/models/IdentityProvider.js';
import { resetDatabase } from '../../../support/database.js';
import { seedDirectory } from '../../../support/fixtures.js';
import { idpMetadataXml, testKey } from '../../../support/saml.js';

function run(name: string, args: string[]): Promise<string> {
  const command = identityProviderCommands.find((c) => c.name === name);
  if (!command) throw new Error(name);
  const lines: string[] = [];
  const out: Output = { json: false, print: (_value, human) => lines.push(human()) };
  return command.run(args, out).then(() => lines.join('\n'));
}

describe('npm run admin -- idp ...', () => {
  const saved = { ...process.env };
  let dir: string;
  before(async () => {
    await resetDatabase();
    await seedDirectory();
    dir = mkdtempSync(path.join(os.tmpdir(), 'concordia-idp-cli-'));
    process.env.DATA_DIR = dir;
    process.env.PUBLIC_URL = 'https://concordia.example.org';
    process.env.NODE_ENV = 'test';
  });
  after(() => {
    process.env = saved;
  });

  it('adds a provider from a metadata file and prints the SP metadata URL', async () => {
    const cert = (await testKey('lyon-idp')).cert;
    const file = path.join(dir, 'metadata.xml');
    writeFileSync(
      file,
      idpMetadataXml('https://idp.lyon.example/saml', 'https://idp.lyon.example/sso', [cert]),
    );
    const printed = await run('idp add', ['--city', 'lyon', '--metadata', file]);
    assert.match(printed, /https:\/\/concordia\.example\.org\/auth\/saml\/lyon\/metadata/);
    const stored = await IdentityProviderModel.findOne({ slug: 'lyon' }).lean();
    assert.equal(stored?.entityId, 'https://idp.lyon.example/saml');
  });

  it('adds a provider from entity id, SSO URL and a certificate file, and lists it', async () => {
    const certFile = path.join(dir, 'amman.pem');
    writeFileSync(certFile, (await testKey('amman-idp')).cert);
    const args = [
      '--city',
      'amman',
      '--entity-id',
      'https://login.amman.example',
      '--sso-url',
      'https://login.amman.example/sso',
      '--cert',
      certFile,
    ];
    const printed = await run('idp add', args);
    assert.match(printed, /auth\/saml\/amman\/metadata/);
    const listed = await run('idp list', []);
    assert.match(listed, /amman/);
    assert.match(listed, /lyon/);
    assert.match(await run('idp disable', ['amman']), /disabled/);
  });

  it('rolls our SAML keys over: lists them, publishes a next key, promotes it (refusing out of turn)', async () => {
    const listed = await run('idp sp-keys', []);
    assert.match(listed, /signing\s+current/);
    assert.match(listed, /encryption\s+current/);
    const next = await run('idp sp-key-next', ['--use', 'signing']);
    assert.match(next, /signing\s+next/);
    await assert.rejects(run('idp sp-key-next', ['--use', 'signing']), /already published/);
    await assert.rejects(run('idp sp-key-next', ['--use', 'nothing']), /Invalid|expected/i);
    const promoted = await run('idp sp-key-promote', ['--use', 'signing']);
    assert.doesNotMatch(promoted, /signing\s+next/);
    await assert.rejects(run('idp sp-key-promote', ['--use', 'signing']), /no next key/);
  });
});
