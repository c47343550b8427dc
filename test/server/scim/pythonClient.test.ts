/**
 * Provisioning and deprovisioning by a third-party SCIM client library (python-scim's scim2-client),
 * and scim2-tester's RFC checks, against a real server started for the test. The library lives in a
 * venv made by scripts/scim/install.sh; without it the test fails and says so.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PersonModel } from '../../../server/models/Person.js';
import { issueScimToken } from '../../../server/services/scim/scimTokens.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR, seedDirectory } from '../../support/fixtures.js';
import { registerTestIdp, testKey } from '../../support/saml.js';
import { startTestServer, type TestServer } from '../../support/server.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const PYTHON = path.join(ROOT, '.cache/scim-client/bin/python');
const SCRIPT = path.join(ROOT, 'scripts/scim/provision.py');

interface Line {
  step?: string;
  ok?: boolean;
  summary?: boolean;
  provisioningFailures?: number;
  checks?: number;
  checkFailures?: number;
}

describe('SCIM with a third-party client library (scim2-client, scim2-tester)', () => {
  let server: TestServer;
  let token: string;

  before(async function () {
    if (!existsSync(PYTHON))
      throw new Error(
        `The SCIM client library is not installed at ${PYTHON}: run scripts/scim/install.sh first.`,
      );
    await resetDatabase();
    await seedDirectory();
    server = await startTestServer({ LOG_LEVEL: process.env.SCIM_TEST_LOG ?? 'silent' });
    await registerTestIdp(server.config, 'lyon-idp', 'lyon', await testKey('lyon-idp'));
    token = (await issueScimToken(OPERATOR, 'lyon-idp', server.config)).token;
  });

  after(async () => {
    await server?.close();
  });

  it('provisions, finds, replaces, groups, deactivates and deletes a person, and passes the RFC checks', async () => {
    let stdout: string;
    let failure: unknown = null;
    try {
      ({ stdout } = await promisify(execFile)(
        PYTHON,
        [SCRIPT, '--url', `${server.url}/scim/v2`, '--token', token],
        { timeout: 120_000, maxBuffer: 4 * 1024 * 1024 },
      ));
    } catch (error) {
      failure = error;
      stdout = (error as { stdout?: string }).stdout ?? '';
    }
    const lines = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Line);
    const failed = lines.filter((l) => l.ok === false);
    assert.deepEqual(failed, [], `steps failed:\n${JSON.stringify(failed, null, 1)}`);
    const summary = lines.find((l) => l.summary);
    assert.ok(
      summary,
      `no summary from the script: ${String((failure as Error | null)?.message)}\n${stdout}`,
    );
    assert.equal(summary.provisioningFailures, 0);
    assert.equal(summary.checkFailures, 0);
    assert.ok((summary.checks ?? 0) > 10, 'scim2-tester ran its checks');
    assert.equal(failure, null);
    // Deleted: the person stays, suspended, for the material they left (deactivated, identity kept).
    const person = await PersonModel.findOne({ email: 'library.person@lyon.example' }).lean();
    assert.equal(person?.status, 'suspended');
  });
});
