/**
 * A conformance script of RFC 7644's operations against the real app (supertest): discovery, Users
 * (create, read, list with filters and paging, replace, patch with and without paths, the habits of
 * Entra ID and Okta, deactivate, delete), Groups (members and roles through the provider's role
 * rules), errors in the SCIM format with their scimType, and unknown paths under /scim and /api.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { PersonModel } from '../../../server/models/Person.js';
import { PersonIdentityModel } from '../../../server/models/PersonIdentity.js';
import { ERROR_URN, GROUP_URN, patchBody, scimClient, scimWorld, userBody } from './scimKit.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('SCIM 2.0 conformance (RFC 7643/7644)', () => {
  const w = scimWorld();
  const c = () => scimClient(w.app, w.tokens.lyon);
  const ids: Record<string, string> = {};

  function assertError(res: request.Response, status: number, scimType?: string): void {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.match(String(res.headers['content-type']), /^application\/scim\+json/);
    assert.deepEqual(res.body.schemas, [ERROR_URN]);
    assert.equal(res.body.status, String(status));
    if (scimType) assert.equal(res.body.scimType, scimType);
    else assert.equal(res.body.scimType, undefined);
  }

  describe('discovery', () => {
    it('ServiceProviderConfig says what is supported', async () => {
      const res = await c().get('/ServiceProviderConfig').expect(200);
      assert.match(String(res.headers['content-type']), /^application\/scim\+json/);
      assert.equal(res.body.patch.supported, true);
      assert.equal(res.body.filter.supported, true);
      assert.equal(res.body.bulk.supported, false);
      assert.equal(res.body.authenticationSchemes[0].type, 'oauthbearertoken');
    });

    it('ResourceTypes and Schemas list User (with the enterprise extension) and Group', async () => {
      const types = await c().get('/ResourceTypes').expect(200);
      assert.deepEqual(
        types.body.Resources.map((t: { id: string }) => t.id),
        ['User', 'Group'],
      );
      await c().get('/ResourceTypes/User').expect(200);
      const schemas = await c().get('/Schemas').expect(200);
      assert.equal(schemas.body.totalResults, 3);
      const user = await c().get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:User').expect(200);
      assert.ok(user.body.attributes.some((a: { name: string }) => a.name === 'userName'));
      assertError(await c().get('/Schemas/urn:nope'), 404);
    });
  });

  describe('Users', () => {
    it('creates a user (201, Location, meta) and the person of the provider’s city', async () => {
      const res = await c().post(
        '/Users',
        userBody('bjensen@lyon.example', {
          externalId: 'entra-1',
          displayName: 'Barbara Jensen',
          title: 'Water engineer',
          [ENTERPRISE]: { department: 'Water', employeeNumber: '42' },
          phoneNumbers: [{ value: '+33 1', type: 'work' }],
        }),
      );
      assert.equal(res.status, 201, JSON.stringify(res.body));
      ids.barbara = res.body.id as string;
      assert.equal(res.headers.location, res.body.meta.location);
      assert.equal(res.body.meta.resourceType, 'User');
      assert.equal(res.body.userName, 'bjensen@lyon.example');
      assert.equal(res.body[ENTERPRISE].department, 'Water');
      assert.equal(res.body.phoneNumbers, undefined, 'accepted, not kept');
      const person = await PersonModel.findOne({ email: 'bjensen@lyon.example' }).lean();
      assert.equal(person?.name, 'Barbara Jensen');
      assert.equal(person?.position, 'Water engineer');
      assert.equal(person?.organisation, 'Water');
      assert.equal(person?.status, 'active');
      assert.deepEqual(person?.roles, ['practitioner']);
      const identity = await PersonIdentityModel.findOne({ personId: person?._id }).lean();
      assert.equal(
        identity?.subject,
        'bjensen@lyon.example',
        'signs in through SAML with userName as NameID',
      );
    });

    it('refuses a second user with the same userName in any case (409 uniqueness)', async () => {
      assertError(await c().post('/Users', userBody('BJENSEN@lyon.example')), 409, 'uniqueness');
    });

    it('reads one user; another id is 404', async () => {
      const res = await c().get(`/Users/${ids.barbara}`).expect(200);
      assert.equal(res.body.id, ids.barbara);
      assertError(await c().get('/Users/000000000000000000000000'), 404);
      assertError(await c().get('/Users/not-an-id'), 404);
    });

    it('filters by userName, externalId, work e-mail, and/or, pr, co, sw', async () => {
      await c()
        .post('/Users', userBody('jsmith@lyon.example', { externalId: 'entra-2', title: 'Planner' }))
        .expect(201);
      await c()
        .post('/Users', userBody('akim@lyon.example', { active: false }))
        .expect(201);
      const cases: [string, string[]][] = [
        ['userName eq "BJensen@Lyon.example"', ['bjensen@lyon.example']],
        ['externalId eq "entra-2"', ['jsmith@lyon.example']],
        ['externalId eq "ENTRA-2"', []],
        ['emails[type eq "work"].value eq "jsmith@lyon.example"', ['jsmith@lyon.example']],
        ['emails[type eq "home"].value eq "jsmith@lyon.example"', []],
        ['emails[type eq "work" and value co "akim"]', ['akim@lyon.example']],
        ['emails.value sw "AKIM"', ['akim@lyon.example']],
        ['userName sw "j" or userName sw "a"', ['jsmith@lyon.example', 'akim@lyon.example']],
        ['title pr and active eq true', ['bjensen@lyon.example', 'jsmith@lyon.example']],
        ['active eq false', ['akim@lyon.example']],
        ['not (title pr)', ['akim@lyon.example']],
        ['name.familyName co "SMITH"', ['jsmith@lyon.example']],
        ['userName ew "@lyon.example" and not (externalId pr)', ['akim@lyon.example']],
        [
          `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "water"`,
          ['bjensen@lyon.example'],
        ],
        [
          'meta.created gt "2000-01-01T00:00:00Z" and userName eq "jsmith@lyon.example"',
          ['jsmith@lyon.example'],
        ],
        [`id eq "${ids.barbara}"`, ['bjensen@lyon.example']],
      ];
      for (const [filter, expected] of cases) {
        const res = await c().get(`/Users?filter=${encodeURIComponent(filter)}`);
        assert.equal(res.status, 200, `${filter}: ${JSON.stringify(res.body)}`);
        const names = res.body.Resources.map((r: { userName: string }) => r.userName).sort();
        assert.deepEqual(names, [...expected].sort(), filter);
        assert.equal(res.body.totalResults, expected.length, filter);
      }
    });

    it('pages with startIndex and count (RFC 7644 §3.4.2.4)', async () => {
      const all = await c().get('/Users').expect(200);
      assert.equal(all.body.totalResults, 3);
      const page = await c().get('/Users?startIndex=2&count=1').expect(200);
      assert.equal(page.body.totalResults, 3);
      assert.equal(page.body.itemsPerPage, 1);
      assert.equal(page.body.startIndex, 2);
      assert.equal(page.body.Resources[0].id, all.body.Resources[1].id);
      const below = await c().get('/Users?startIndex=0&count=-5').expect(200);
      assert.equal(below.body.startIndex, 1, 'below 1 counts as 1');
      assert.equal(below.body.itemsPerPage, 0, 'a negative count counts as 0');
      assert.equal(below.body.totalResults, 3);
      const past = await c().get('/Users?startIndex=10').expect(200);
      assert.deepEqual(past.body.Resources, []);
      const some = await c().get('/Users?attributes=userName&count=1').expect(200);
      assert.deepEqual(Object.keys(some.body.Resources[0]).sort(), ['id', 'meta', 'schemas', 'userName']);
      const chosen = await c().get(`/Users/${ids.barbara}?attributes=externalId`).expect(200);
      assert.deepEqual(Object.keys(chosen.body).sort(), ['externalId', 'id', 'meta', 'schemas', 'userName']);
      const fewer = await c().get(`/Users/${ids.barbara}?excludedAttributes=emails,name`).expect(200);
      assert.equal(fewer.body.emails, undefined);
      assert.equal(fewer.body.userName, 'bjensen@lyon.example');
      const searched = await c()
        .post('/Users/.search', {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
          filter: 'userName eq "akim@lyon.example"',
          count: 5,
        })
        .expect(200);
      assert.equal(searched.body.totalResults, 1);
    });

    it('replaces a user (PUT): fields follow, readOnly ones ignored', async () => {
      const res = await c().put(
        `/Users/${ids.barbara}`,
        userBody('bjensen@lyon.example', { id: 'ignored', displayName: 'Barbara J.', externalId: 'entra-1' }),
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.id, ids.barbara);
      assert.equal(res.body.title, undefined, 'PUT replaces: no title given');
      assert.equal((await PersonModel.findOne({ email: 'bjensen@lyon.example' }).lean())?.name, 'Barbara J.');
    });

    it('patches the way Entra ID does: capitalised ops, "False" strings, filtered e-mail paths, URN paths', async () => {
      const res = await c().patch(
        `/Users/${ids.barbara}`,
        patchBody(
          { op: 'Replace', path: 'displayName', value: 'Barbara Jensen' },
          { op: 'Add', path: 'emails[type eq "home"].value', value: 'barbara@home.example' },
          { op: 'Replace', path: 'name.givenName', value: 'Babs' },
          { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Parks' },
          { op: 'Replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+33 6' },
          { op: 'Replace', path: 'title', value: 'Lead' },
        ),
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.displayName, 'Barbara Jensen');
      assert.deepEqual(
        res.body.emails.map((e: { type: string }) => e.type),
        ['work', 'home'],
      );
      assert.equal(res.body.name.givenName, 'Babs');
      assert.equal(res.body[ENTERPRISE].department, 'Parks');
      const person = await PersonModel.findOne({ email: 'bjensen@lyon.example' }).lean();
      assert.equal(person?.organisation, 'Parks');
      assert.equal(person?.position, 'Lead');
      const off = await c().patch(
        `/Users/${ids.barbara}`,
        patchBody({ op: 'Replace', path: 'active', value: 'False' }),
      );
      assert.equal(off.status, 200, JSON.stringify(off.body));
      assert.equal(off.body.active, false);
      assert.equal(
        (await PersonModel.findOne({ email: 'bjensen@lyon.example' }).lean())?.status,
        'suspended',
      );
    });

    it('patches the way Okta does: no path, a value object', async () => {
      const res = await c().patch(
        `/Users/${ids.barbara}`,
        patchBody({
          op: 'replace',
          value: { active: true, 'name.familyName': 'Jensen-Smith', title: 'Head' },
        }),
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.active, true);
      assert.equal(res.body.name.familyName, 'Jensen-Smith');
      assert.equal((await PersonModel.findOne({ email: 'bjensen@lyon.example' }).lean())?.status, 'active');
    });

    it('removes with and without filters; removing a required or read-only attribute is refused', async () => {
      const res = await c().patch(
        `/Users/${ids.barbara}`,
        patchBody({ op: 'remove', path: 'emails[type eq "home"]' }, { op: 'remove', path: 'title' }),
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.emails.length, 1);
      assert.equal(res.body.title, undefined);
      assertError(
        await c().patch(`/Users/${ids.barbara}`, patchBody({ op: 'remove', path: 'userName' })),
        400,
        'mutability',
      );
      assertError(
        await c().patch(`/Users/${ids.barbara}`, patchBody({ op: 'replace', path: 'id', value: 'x' })),
        400,
        'mutability',
      );
      assertError(
        await c().patch(
          `/Users/${ids.barbara}`,
          patchBody({ op: 'replace', path: 'meta.created', value: 'x' }),
        ),
        400,
        'mutability',
      );
      assertError(await c().patch(`/Users/${ids.barbara}`, patchBody({ op: 'remove' })), 400, 'noTarget');
      assertError(
        await c().patch(
          `/Users/${ids.barbara}`,
          patchBody(
            { op: 'replace', path: 'emails[type sw "w" or primary eq false].display', value: 'x' },
            { op: 'replace', path: 'emails[value eq "none@x.y" or type eq "zzz"].display', value: 'x' },
          ),
        ),
        400,
        'noTarget',
      );
      assertError(
        await c().patch(`/Users/${ids.barbara}`, patchBody({ op: 'replace', path: 'nosuch', value: 1 })),
        400,
        'invalidPath',
      );
      assertError(
        await c().patch(`/Users/${ids.barbara}`, patchBody({ op: 'move', path: 'title', value: 1 })),
        400,
        'invalidSyntax',
      );
      assertError(
        await c().patch(
          `/Users/${ids.barbara}`,
          patchBody({ op: 'replace', path: 'active', value: 'maybe' }),
        ),
        400,
        'invalidValue',
      );
      assertError(
        await c().patch(`/Users/${ids.barbara}`, { Operations: [{ op: 'remove', path: 'title' }] }),
        400,
        'invalidSyntax',
      );
    });

    it('renaming userName moves the SAML identity with it; to a taken one is 409', async () => {
      const res = await c().patch(
        `/Users/${ids.barbara}`,
        patchBody({ op: 'replace', path: 'userName', value: 'barbara@lyon.example' }),
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const person = await PersonModel.findOne({ email: 'bjensen@lyon.example' }).lean();
      const identity = await PersonIdentityModel.findOne({ personId: person?._id }).lean();
      assert.equal(identity?.subject, 'barbara@lyon.example');
      assertError(
        await c().patch(
          `/Users/${ids.barbara}`,
          patchBody({ op: 'replace', path: 'userName', value: 'JSMITH@lyon.example' }),
        ),
        409,
        'uniqueness',
      );
    });
  });

  describe('Groups and roles', () => {
    it('a group whose name matches a role rule gives its role to its members, and takes it back', async () => {
      const jsmith = (
        await c().get(`/Users?filter=${encodeURIComponent('userName eq "jsmith@lyon.example"')}`)
      ).body.Resources[0].id as string;
      ids.jsmith = jsmith;
      const created = await c().post('/Groups', {
        schemas: [GROUP_URN],
        displayName: 'Mayors',
        externalId: 'g-1',
        members: [{ value: jsmith }],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      ids.mayors = created.body.id as string;
      let person = await PersonModel.findOne({ email: 'jsmith@lyon.example' }).lean();
      assert.deepEqual(
        person?.roles,
        ['leader'],
        'the role rule "mayors" gives leader (names compared as the rules say)',
      );
      const user = await c().get(`/Users/${jsmith}`).expect(200);
      assert.deepEqual(
        user.body.groups.map((g: { display: string }) => g.display),
        ['Mayors'],
      );
      // Entra ID: remove a member with a value list.
      const removed = await c().patch(
        `/Groups/${ids.mayors}`,
        patchBody({ op: 'Remove', path: 'members', value: [{ value: jsmith }] }),
      );
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      assert.deepEqual(removed.body.members, []);
      person = await PersonModel.findOne({ email: 'jsmith@lyon.example' }).lean();
      assert.deepEqual(person?.roles, ['practitioner'], 'back to the default roles');
      // Okta: add members with a value list; and remove by filter.
      await c()
        .patch(
          `/Groups/${ids.mayors}`,
          patchBody({ op: 'add', path: 'members', value: [{ value: jsmith }, { value: ids.barbara }] }),
        )
        .expect(200);
      const filtered = await c()
        .patch(
          `/Groups/${ids.mayors}`,
          patchBody({ op: 'remove', path: `members[value eq "${ids.barbara}"]` }),
        )
        .expect(200);
      assert.deepEqual(
        filtered.body.members.map((m: { value: string }) => m.value),
        [jsmith],
      );
    });

    it('never gives a privileged role unless the provider allows it', async () => {
      const admins = await c().post('/Groups', {
        schemas: [GROUP_URN],
        displayName: 'platform-admins',
        members: [{ value: ids.barbara }],
      });
      assert.equal(admins.status, 201);
      const person = await PersonModel.findOne({ email: 'bjensen@lyon.example' }).lean();
      assert.ok(!person?.roles.includes('admin'));
      await c()
        .delete(`/Groups/${admins.body.id as string}`)
        .expect(204);
    });

    it('lists, filters and replaces groups; members must be users of this provider', async () => {
      const list = await c()
        .get(`/Groups?filter=${encodeURIComponent('displayName eq "MAYORS"')}&excludedAttributes=members`)
        .expect(200);
      assert.equal(list.body.totalResults, 1);
      assert.equal(list.body.Resources[0].members, undefined);
      const byMember = await c()
        .get(`/Groups?filter=${encodeURIComponent(`members[value eq "${ids.jsmith}"]`)}`)
        .expect(200);
      assert.equal(byMember.body.totalResults, 1);
      assertError(
        await c().post('/Groups', { schemas: [GROUP_URN], displayName: 'mayors' }),
        409,
        'uniqueness',
      );
      assertError(
        await c().post('/Groups', {
          schemas: [GROUP_URN],
          displayName: 'x',
          members: [{ value: '000000000000000000000000' }],
        }),
        400,
        'invalidValue',
      );
      const put = await c().put(`/Groups/${ids.mayors}`, {
        schemas: [GROUP_URN],
        displayName: 'Councillors',
        members: [],
      });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.deepEqual((await PersonModel.findOne({ email: 'jsmith@lyon.example' }).lean())?.roles, [
        'practitioner',
      ]);
      await c().delete(`/Groups/${ids.mayors}`).expect(204);
      assertError(await c().get(`/Groups/${ids.mayors}`), 404);
    });
  });

  describe('DELETE', () => {
    it('deactivates the person: suspended, identity kept (a later sign-in finds and refuses them), gone from SCIM', async () => {
      await c().delete(`/Users/${ids.jsmith}`).expect(204);
      assertError(await c().get(`/Users/${ids.jsmith}`), 404);
      assertError(await c().delete(`/Users/${ids.jsmith}`), 404);
      const person = await PersonModel.findOne({ email: 'jsmith@lyon.example' }).lean();
      assert.equal(person?.status, 'suspended');
      assert.equal(
        await PersonIdentityModel.countDocuments({ personId: person?._id }),
        1,
        'still linked: signing in through the provider reaches the suspended person, not a new account',
      );
    });
  });

  describe('errors, limits and unknown paths', () => {
    it('answers 401 in the SCIM format without a valid token', async () => {
      const none = await request(w.app).get('/scim/v2/Users');
      assertError(none, 401);
      assert.match(String(none.headers['www-authenticate']), /^Bearer/);
      assertError(
        await request(w.app)
          .get('/scim/v2/Users')
          .set('Authorization', 'Bearer scim_' + 'a'.repeat(43)),
        401,
      );
    });

    it('answers unknown paths under /scim with a SCIM 404, never the web page', async () => {
      for (const path of [
        '/scim',
        '/scim/',
        '/scim/v1/Users',
        '/scim/v2/Nope',
        '/scim/v2/Users/x/y',
        '/SCIM/v2/nope',
      ]) {
        const res = await request(w.app).get(path).set('Authorization', `Bearer ${w.tokens.lyon}`);
        assertError(res, 404);
      }
      assertError(
        await request(w.app).delete('/scim/v2/Users').set('Authorization', `Bearer ${w.tokens.lyon}`),
        405,
      );
    });

    it('answers unknown paths under /api with a problem+json 404', async () => {
      for (const path of ['/api', '/api/', '/api/nope', '/api/v1/nope', '/api/v2/Users']) {
        const res = await request(w.app).get(path);
        assert.equal(res.status, 404, path);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/, path);
      }
    });

    it('records every change in the audit log with the provider as actor', async () => {
      const entries = await AuditEntryModel.find({ action: /^scim\./ }).lean();
      const actions = new Set(entries.map((e) => e.action));
      for (const action of [
        'scim.user_created',
        'scim.user_replaced',
        'scim.user_patched',
        'scim.user_deactivated',
        'scim.user_reactivated',
        'scim.user_deleted',
        'scim.group_created',
        'scim.group_patched',
        'scim.group_replaced',
        'scim.group_deleted',
        'scim.roles_changed',
      ])
        assert.ok(actions.has(action), `${action} recorded`);
      const one = entries.find((e) => e.action === 'scim.user_created');
      assert.deepEqual(one?.actor, { kind: 'operator', name: 'scim:lyon-idp' });
      assert.equal((one?.details as { idp: string }).idp, 'lyon-idp');
    });
  });
});
