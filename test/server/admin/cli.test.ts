import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ApplicationModel } from '../../../server/models/Application.js';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { resetDatabase, testDatabaseName, testDatabaseUri } from '../../support/database.js';
import { runAdmin } from '../../support/serverProcess.js';
import { TEST_AUDIT_KEY, testApp } from '../../support/app.js';

describe('the admin command line (npm run admin)', function () {
  this.timeout(120_000);
  let env: Record<string, string>;
  const admin = (...args: string[]) => runAdmin(args, env);

  before(async () => {
    await resetDatabase();
    env = {
      MONGODB_URI: testDatabaseUri(),
      DB_NAME: testDatabaseName(),
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'concordia-cli-')),
      // The key of the test apps too: one deployment, one audit key.
      AUDIT_KEY: TEST_AUDIT_KEY,
    };
  });

  it('prints its commands on help, and refuses unknown ones with exit 2', async () => {
    const help = await admin('help');
    assert.equal(help.code, 0);
    for (const command of [
      'hub create',
      'city status',
      'person roles',
      'token create',
      'application approve',
      'audit verify',
    ]) {
      assert.ok(help.stdout.includes(command), command);
    }
    const unknown = await admin('frobnicate', 'all');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command "frobnicate all"/);
    const badOption = await admin('hub', 'list', '--colour');
    assert.equal(badOption.code, 1);
    assert.match(badOption.stderr, /Unknown option '--colour'/);
  });

  it('creates hubs, cities and people, changes status and roles, all through validation', async () => {
    assert.equal(
      (
        await admin(
          'hub',
          'create',
          '--slug',
          'latin-america',
          '--name',
          'Latin America',
          '--name-es',
          'América Latina',
        )
      ).code,
      0,
    );
    const city = await admin(
      'city',
      'create',
      '--slug',
      'bogota',
      '--name',
      'Bogotá',
      '--kind',
      'capital',
      '--country',
      'co',
      '--hub',
      'latin-america',
    );
    assert.equal(city.code, 0, city.stderr);
    assert.match(city.stdout, /created city bogota \(applicant\)/);
    const noPledge = await admin('city', 'status', 'bogota', 'member', '--reason', 'approved');
    assert.equal(noPledge.code, 1);
    assert.match(noPledge.stderr, /give pledgedBy/);
    const member = await admin(
      'city',
      'status',
      'bogota',
      'member',
      '--reason',
      'approved by the ISC',
      '--pledged-by',
      'Alcaldía Mayor',
    );
    assert.equal(member.code, 0, member.stderr);
    const badCountry = await admin(
      'city',
      'create',
      '--slug',
      'x-city',
      '--name',
      'X',
      '--kind',
      'city',
      '--country',
      'XX',
      '--hub',
      'latin-america',
    );
    assert.equal(badCountry.code, 1);
    assert.match(badCountry.stderr, /country: an ISO 3166-1 alpha-2 country code/);

    const person = await admin(
      'person',
      'create',
      '--name',
      'Ana Díaz',
      '--email',
      'Ana@Bogota.Example',
      '--city',
      'bogota',
      '--roles',
      'focal_point',
      '--status',
      'active',
    );
    assert.equal(person.code, 0, person.stderr);
    const roles = await admin('person', 'roles', 'ana@bogota.example', 'focal_point,practitioner');
    assert.match(roles.stdout, /now has roles focal_point,practitioner/);
    const badRole = await admin('person', 'roles', 'ana@bogota.example', 'root');
    assert.equal(badRole.code, 1);
    const nobody = await admin('person', 'roles', 'nobody@nowhere.example', 'practitioner');
    assert.match(nobody.stderr, /Person with e-mail nobody@nowhere.example was not found/);

    const list = await admin('city', 'list', '--json');
    const cities = JSON.parse(list.stdout) as {
      slug: string;
      status: string;
      pledge: { pledgedBy: string };
    }[];
    assert.deepEqual(
      cities.map((c) => [c.slug, c.status, c.pledge.pledgedBy]),
      [['bogota', 'member', 'Alcaldía Mayor']],
    );
  });

  it('issues an API token that works once and stops working when revoked', async () => {
    const created = await admin(
      'token',
      'create',
      'ana@bogota.example',
      '--label',
      'reporting',
      '--days',
      '7',
    );
    assert.equal(created.code, 0, created.stderr);
    const token = created.stdout.split('\n')[0]!;
    assert.match(token, /^cct_[A-Za-z0-9_-]{43}$/);
    const app = testApp();
    const people = await request(app)
      .get('/api/v1/people')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    assert.equal(people.body.items[0].email, 'ana@bogota.example');
    assert.equal((await admin('token', 'revoke', 'ana@bogota.example')).code, 0);
    await request(app).get('/api/v1/people').set('Authorization', `Bearer ${token}`).expect(401);
    const tooLong = await admin('token', 'create', 'ana@bogota.example', '--days', '9999');
    assert.equal(tooLong.code, 1);
  });

  it('lists, approves and declines membership applications', async () => {
    const app = testApp();
    const apply = (name: string) =>
      request(app)
        .post('/api/v1/applications')
        .send({
          city: { name, kind: 'city', country: 'PE', hub: 'latin-america' },
          contact: { name: 'C', email: `c@${name.toLowerCase()}.example`, position: 'Mayor' },
          pledge: { version: '2026-1', accepted: true },
        })
        .expect(201);
    const lima = (await apply('Lima')).body.id as string;
    const cusco = (await apply('Cusco')).body.id as string;
    const pending = await admin('application', 'list', '--status', 'pending');
    assert.match(pending.stdout, /Lima/);
    assert.match(pending.stdout, /Cusco/);
    assert.equal((await admin('application', 'approve', lima)).code, 0);
    const declineWithoutReason = await admin('application', 'decline', cusco);
    assert.equal(declineWithoutReason.code, 1);
    assert.equal(
      (await admin('application', 'decline', cusco, '--reason', 'Duplicate of an earlier application')).code,
      0,
    );
    assert.equal((await ApplicationModel.findById(lima).lean())?.status, 'approved');
    assert.equal(
      (await ApplicationModel.findById(cusco).lean())?.decision?.reason,
      'Duplicate of an earlier application',
    );
    await request(app).get('/api/v1/cities/lima').expect(200);
    const badId = await admin('application', 'approve', 'not-an-id');
    assert.equal(badId.code, 1);
  });

  it('records every change as the operator and verifies the chain', async () => {
    const entries = await AuditEntryModel.find({ 'actor.kind': 'operator' }).lean();
    assert.ok(entries.length >= 8);
    assert.ok(entries.every((e) => String((e.actor as { name: string }).name).startsWith('cli:')));
    const unanchored = await admin('audit', 'verify');
    assert.notEqual(unanchored.code, 0, 'no anchor found is a failure, not a pass');
    assert.match(unanchored.stderr, /no anchors in .*--allow-no-anchors/s);
    const verify = await admin('audit', 'verify', '--allow-no-anchors');
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /audit chain intact/);
  });
});
