/**
 * Deprovisioning ends an open socket: a person provisioned by SCIM signs in through real SAML (NameID
 * = userName), opens a real Socket.IO connection, and `active: false` from the directory (Entra's
 * `"False"`) disconnects it at once, with `session:ended`; their session no longer works and a new
 * SAML sign-in is refused. DELETE does the same for another person.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { PersonModel } from '../../../server/models/Person.js';
import { ScimUserModel } from '../../../server/models/ScimUser.js';
import { issueScimToken } from '../../../server/services/scim/scimTokens.js';
import { setPersonStatus } from '../../../server/services/people/setPersonStatus.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR, seedDirectory } from '../../support/fixtures.js';
import { startRoomWorld, until, type RoomWorld } from '../../support/rooms.js';
import { signInWithSaml } from '../../support/saml.js';
import { patchBody, scimClient, userBody } from './scimKit.js';

describe('SCIM deprovisioning ends open sockets', () => {
  let world: RoomWorld;
  let token: string;

  before(async () => {
    await resetDatabase();
    await seedDirectory();
    world = await startRoomWorld();
    token = (await issueScimToken(OPERATOR, world.lyon.slug, world.server.config)).token;
  });

  after(async () => {
    await world?.close();
  });

  async function provisionAndConnect(userName: string) {
    const scim = scimClient(world.server.app, token);
    const created = await scim.post('/Users', userBody(userName)).expect(201);
    const person = await world.person(world.lyon, userName);
    const client = await person.connect();
    const who = await client.call<{ personId: string }>('session:whoami');
    assert.ok(who.ok);
    return { scim, id: created.body.id as string, person, client };
  }

  it('PATCH active "False" disconnects the person’s socket and refuses their session and sign-in', async () => {
    const { scim, id, person, client } = await provisionAndConnect('socket.person@lyon.example');
    const disconnected = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    await scim
      .patch(`/Users/${id}`, patchBody({ op: 'Replace', path: 'active', value: 'False' }))
      .expect(200);
    assert.equal(await disconnected, 'io server disconnect');
    await until(() => (client.seen['session:ended'] ?? []).length > 0, 3000, 'session:ended');
    await request(world.server.app)
      .get('/api/v1/session')
      .set('Cookie', person.cookie)
      .expect((res) => {
        assert.ok(res.status === 401 || res.body?.person == null, `session still works: ${res.status}`);
      });
    await assert.rejects(
      signInWithSaml(world.server.app, world.lyon, 'socket.person@lyon.example', {
        attributes: { email: 'socket.person@lyon.example', displayName: 'x', groups: [] },
      }),
    );
  });

  it('DELETE disconnects the person’s socket too', async () => {
    const { scim, id, client } = await provisionAndConnect('deleted.person@lyon.example');
    const disconnected = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    await scim.delete(`/Users/${id}`).expect(204);
    assert.equal(await disconnected, 'io server disconnect');
    // The provider may still authenticate a user the directory deleted: the sign-in reaches the
    // suspended person and is refused, it does not make a fresh active account.
    await assert.rejects(
      signInWithSaml(world.server.app, world.lyon, 'deleted.person@lyon.example', {
        attributes: { email: 'deleted.person@lyon.example', displayName: 'x', groups: [] },
      }),
    );
    assert.equal(await PersonModel.countDocuments({ email: 'deleted.person@lyon.example' }), 1);
    assert.equal(
      (await PersonModel.findOne({ email: 'deleted.person@lyon.example' }).lean())?.status,
      'suspended',
    );
  });

  it('never lifts a suspension an admin made after the directory’s', async () => {
    const { scim, id } = await provisionAndConnect('admin.decides@lyon.example');
    await scim.patch(`/Users/${id}`, patchBody({ op: 'replace', path: 'active', value: false })).expect(200);
    const person = await PersonModel.findOne({ email: 'admin.decides@lyon.example' }).lean();
    assert.equal(person?.status, 'suspended');
    await setPersonStatus(OPERATOR, String(person?._id), 'active', 'reviewed with the city');
    await setPersonStatus(OPERATOR, String(person?._id), 'suspended', 'a separate concern');
    await scim.patch(`/Users/${id}`, patchBody({ op: 'replace', path: 'active', value: true })).expect(200);
    assert.equal(
      (await PersonModel.findById(person?._id).lean())?.status,
      'suspended',
      'the admin’s suspension stands',
    );
  });

  it('a deactivation stored before a failure is completed by the retry; a PATCH refused as a whole changes nothing', async () => {
    const { scim, id, client } = await provisionAndConnect('half.done@lyon.example');
    const disconnected = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    // The user record says inactive but the person is still active (a crash after the first write).
    await ScimUserModel.updateOne({ _id: id }, { $set: { active: false } });
    await scim.patch(`/Users/${id}`, patchBody({ op: 'replace', path: 'active', value: false })).expect(200);
    assert.equal(await disconnected, 'io server disconnect');
    assert.equal(
      (await PersonModel.findOne({ email: 'half.done@lyon.example' }).lean())?.status,
      'suspended',
    );

    const other = await provisionAndConnect('bad.patch@lyon.example');
    const refused = await other.scim.patch(
      `/Users/${other.id}`,
      patchBody({ op: 'replace', path: 'active', value: false }, { op: 'remove', path: 'emails' }),
    );
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.body.scimType, 'mutability');
    assert.equal(
      (await PersonModel.findOne({ email: 'bad.patch@lyon.example' }).lean())?.status,
      'active',
      'a PATCH refused as a whole changes nothing',
    );
  });
});
