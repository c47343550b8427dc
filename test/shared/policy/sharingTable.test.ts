/**
 * The table of expected outcomes (SHARING.md, "How the code should hold these rules"): every role x
 * every label x read/create/share/download/relabel x every channel that exists, checked against the
 * running app over HTTP with the real database.
 *
 * The world: the author (a Lyon practitioner) posts one item per label in "workshop", an event space
 * with ceiling RED whose explicit members are the author, Amman's leader and Lyon's focal point; the
 * CLEAR item is published. Then the expert joins (a later joiner). Everyone else stays outside.
 * `share` forwards the item to the person's own city internal space (Lyon or Amman), or, for people
 * without a city, to the network space; the community partner to Lyon's partner space.
 * `raise` and `lower` move a fresh item of that label one step up or down, with a justification.
 * `raised` reads an item shared at that label before the expert joined and raised to RED by a
 * moderator after: the first audience keeps it, the later joiner loses it (SHARING.md, "Readings
 * settled": raising never widens RED).
 * Two more rows: a Graz practitioner (an applicant city: no space at all, the network's included)
 * and a Lyon practitioner who was a workshop member when the items were shared and then left (no
 * longer reads any of it, nor is told of it).
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { ANONYMOUS, type Actor } from '../../../shared/policy/actor.js';
import { LABELS, type Label } from '../../../shared/policy/labels.js';
import { authorizeDownload } from '../../../server/policy/download.js';
import { loadContent } from '../../../server/policy/contentAccess.js';
import { actorFromApiToken } from '../../../server/services/tokens/apiTokens.js';
import { resetDatabase } from '../../support/database.js';
import { tableDifferences } from '../../support/outcomeTables.js';
import { testApp } from '../../support/app.js';
import type { TestPerson } from '../../support/fixtures.js';
import {
  addMembers,
  person,
  seedSharing,
  type SharingPeople,
  type Who,
} from '../../support/sharingFixtures.js';

const Y = true;
const N = false;
const _ = null; // not applicable (no higher label than RED, no lower than CLEAR)

type Notice = 'full' | 'link' | 'none';
type Row = [
  Who,
  Label,
  boolean, // item: GET /posts/:id shows the content
  boolean, // list: GET /spaces/workshop/posts
  boolean, // search: GET /search/posts
  Notice, // notification body in GET /me/notifications
  boolean, // export: GET /me/export
  boolean, // public: GET /public/posts
  boolean, // create: POST /spaces/workshop/posts with that label
  boolean, // share: POST /posts/:id/share (see above for the destination)
  boolean, // download: authorizeDownload(actor, item)
  boolean | null, // raise one step
  boolean | null, // lower one step
  boolean | null, // raised: GET /posts/:id of an item raised to RED after the expert joined
];

// prettier-ignore
const EXPECTED: Row[] = [
  // who            label           item list search notice  export public create share download raise lower raised
  ['anonymous',    'CLEAR',         Y,   N,   Y,     'none', N,     Y,     N,     N,    Y,       N,    _, N],
  ['anonymous',    'GREEN',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['anonymous',    'AMBER',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['anonymous',    'AMBER+STRICT',  N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['anonymous',    'RED',           N,   N,   N,     'none', N,     N,     N,     N,    N,       _,    N, _],
  // the author: a Lyon practitioner, member of the workshop; the export holds all they wrote
  ['practitioner', 'CLEAR',         Y,   Y,   Y,     'none', Y,     Y,     Y,     Y,    Y,       Y,    _, Y],
  ['practitioner', 'GREEN',         Y,   Y,   Y,     'none', Y,     N,     Y,     Y,    Y,       Y,    Y, Y],
  ['practitioner', 'AMBER',         Y,   Y,   Y,     'none', Y,     N,     Y,     Y,    Y,       Y,    Y, Y],
  ['practitioner', 'AMBER+STRICT',  Y,   Y,   Y,     'none', Y,     N,     Y,     Y,    Y,       Y,    Y, Y],
  ['practitioner', 'RED',           Y,   Y,   Y,     'none', Y,     N,     Y,     N,    Y,       _,    Y, _],
  // Amman's leader, member when the items were shared
  ['leader',       'CLEAR',         Y,   Y,   Y,     'full', N,     Y,     Y,     Y,    Y,       N,    _, Y],
  ['leader',       'GREEN',         Y,   Y,   Y,     'full', N,     N,     Y,     Y,    Y,       N,    N, Y],
  ['leader',       'AMBER',         Y,   Y,   Y,     'link', N,     N,     Y,     Y,    Y,       N,    N, Y],
  ['leader',       'AMBER+STRICT',  Y,   Y,   Y,     'link', N,     N,     Y,     Y,    Y,       N,    N, Y],
  ['leader',       'RED',           Y,   Y,   Y,     'link', N,     N,     Y,     N,    Y,       _,    N, _],
  // Lyon's focal point (the author's city), member: may lower, not raise
  ['focal',        'CLEAR',         Y,   Y,   Y,     'full', N,     Y,     Y,     Y,    Y,       N,    _, Y],
  ['focal',        'GREEN',         Y,   Y,   Y,     'full', N,     N,     Y,     Y,    Y,       N,    Y, Y],
  ['focal',        'AMBER',         Y,   Y,   Y,     'link', N,     N,     Y,     Y,    Y,       N,    Y, Y],
  ['focal',        'AMBER+STRICT',  Y,   Y,   Y,     'link', N,     N,     Y,     Y,    Y,       N,    Y, Y],
  ['focal',        'RED',           Y,   Y,   Y,     'link', N,     N,     Y,     N,    Y,       _,    Y, _],
  // the expert joined after the items were shared: no RED, no notifications; shares into the network space
  ['lateJoiner',   'CLEAR',         Y,   Y,   Y,     'none', N,     Y,     Y,     Y,    Y,       N,    _, N],
  ['lateJoiner',   'GREEN',         Y,   Y,   Y,     'none', N,     N,     Y,     Y,    Y,       N,    N, N],
  ['lateJoiner',   'AMBER',         Y,   Y,   Y,     'none', N,     N,     Y,     N,    Y,       N,    N, N],
  ['lateJoiner',   'AMBER+STRICT',  Y,   Y,   Y,     'none', N,     N,     Y,     N,    Y,       N,    N, N],
  ['lateJoiner',   'RED',           N,   N,   N,     'none', N,     N,     Y,     N,    N,       _,    N, _],
  // an ISC member of Amman, not in the workshop
  ['isc',          'CLEAR',         Y,   N,   Y,     'none', N,     Y,     N,     Y,    Y,       N,    _, N],
  ['isc',          'GREEN',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['isc',          'AMBER',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['isc',          'AMBER+STRICT',  N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['isc',          'RED',           N,   N,   N,     'none', N,     N,     N,     N,    N,       _,    N, _],
  // a global moderator, not in the workshop: relabels without reading; sees the space's published CLEAR
  ['moderator',    'CLEAR',         Y,   Y,   Y,     'none', N,     Y,     N,     Y,    Y,       Y,    _, N],
  ['moderator',    'GREEN',         N,   N,   N,     'none', N,     N,     N,     N,    N,       Y,    Y, N],
  ['moderator',    'AMBER',         N,   N,   N,     'none', N,     N,     N,     N,    N,       Y,    Y, N],
  ['moderator',    'AMBER+STRICT',  N,   N,   N,     'none', N,     N,     N,     N,    N,       Y,    Y, N],
  ['moderator',    'RED',           N,   N,   N,     'none', N,     N,     N,     N,    N,       _,    Y, _],
  // Europe's hub coordinator: the workshop is in no hub, so no moderation rights there
  ['coordinator',  'CLEAR',         Y,   N,   Y,     'none', N,     Y,     N,     Y,    Y,       N,    _, N],
  ['coordinator',  'GREEN',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['coordinator',  'AMBER',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['coordinator',  'AMBER+STRICT',  N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['coordinator',  'RED',           N,   N,   N,     'none', N,     N,     N,     N,    N,       _,    N, _],
  // an admin manages the directory and spaces, not the material; sees the space's published CLEAR
  ['admin',        'CLEAR',         Y,   Y,   Y,     'none', N,     Y,     N,     Y,    Y,       N,    _, N],
  ['admin',        'GREEN',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['admin',        'AMBER',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['admin',        'AMBER+STRICT',  N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['admin',        'RED',           N,   N,   N,     'none', N,     N,     N,     N,    N,       _,    N, _],
  // a Lyon community partner, invited to Lyon's partner space only
  ['partner',      'CLEAR',         Y,   N,   Y,     'none', N,     Y,     N,     Y,    Y,       N,    _, N],
  ['partner',      'GREEN',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['partner',      'AMBER',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['partner',      'AMBER+STRICT',  N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['partner',      'RED',           N,   N,   N,     'none', N,     N,     N,     N,    N,       _,    N, _],
  // a partner observer invited nowhere: no space to share into
  ['observer',     'CLEAR',         Y,   N,   Y,     'none', N,     Y,     N,     N,    Y,       N,    _, N],
  ['observer',     'GREEN',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['observer',     'AMBER',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['observer',     'AMBER+STRICT',  N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['observer',     'RED',           N,   N,   N,     'none', N,     N,     N,     N,    N,       _,    N, _],
  // a practitioner of Graz, an applicant city: no space at all, the network's included
  ['applicant',    'CLEAR',         Y,   N,   Y,     'none', N,     Y,     N,     N,    Y,       N,    _, N],
  ['applicant',    'GREEN',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['applicant',    'AMBER',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['applicant',    'AMBER+STRICT',  N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['applicant',    'RED',           N,   N,   N,     'none', N,     N,     N,     N,    N,       _,    N, _],
  // a Lyon practitioner who was a member when the items were shared, then left: only published CLEAR
  ['leaver',       'CLEAR',         Y,   N,   Y,     'full', N,     Y,     N,     Y,    Y,       N,    _, N],
  ['leaver',       'GREEN',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['leaver',       'AMBER',         N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['leaver',       'AMBER+STRICT',  N,   N,   N,     'none', N,     N,     N,     N,    N,       N,    N, N],
  ['leaver',       'RED',           N,   N,   N,     'none', N,     N,     N,     N,    N,       _,    N, _],
];

const COLUMNS = [
  'who',
  'label',
  'item',
  'list',
  'search',
  'notice',
  'export',
  'public',
  'create',
  'share',
  'download',
  'raise',
  'lower',
  'raised',
];

const WORD: Record<Label, string> = {
  CLEAR: 'clearword',
  GREEN: 'greenword',
  AMBER: 'amberword',
  'AMBER+STRICT': 'strictword',
  RED: 'redword',
};

describe('the sharing policy, channel by channel (table of expected outcomes)', function () {
  this.timeout(240_000);
  let app: Express;
  let people: SharingPeople;
  let extra: Record<'applicant' | 'leaver', TestPerson>;
  const items = {} as Record<Label, string>;
  const raisedItems = {} as Partial<Record<Label, string>>;

  const personOf = (who: Who) => {
    if (who === 'anonymous') return null;
    if (who === 'leader') return people.otherCity;
    if (who === 'lateJoiner') return people.expert;
    if (who === 'applicant' || who === 'leaver') return extra[who];
    return people[who];
  };
  const auth = (who: Who): Record<string, string> => personOf(who)?.auth ?? {};
  const shareTarget: Record<Who, string> = {
    anonymous: 'network',
    practitioner: 'lyon-internal',
    leader: 'amman-internal',
    focal: 'lyon-internal',
    lateJoiner: 'network',
    isc: 'amman-internal',
    moderator: 'network',
    coordinator: 'network',
    admin: 'network',
    partner: 'lyon-partners',
    observer: 'network',
    applicant: 'network',
    leaver: 'lyon-internal',
  };

  async function post(label: Label, title: string, body: string): Promise<string> {
    const res = await request(app)
      .post('/api/v1/spaces/workshop/posts')
      .set(people.practitioner.auth)
      .send({ title, body, label })
      .expect(201);
    return res.body.id as string;
  }

  before(async () => {
    await resetDatabase();
    people = (await seedSharing()).people;
    extra = {
      applicant: await person('Gina Graz', 'gina@graz.test.example', ['practitioner'], 'graz'),
      leaver: await person('Lea Leaver', 'lea@lyon.test.example', ['practitioner'], 'lyon'),
    };
    app = testApp();
    await addMembers('workshop', extra.leaver);
    for (const label of LABELS) items[label] = await post(label, `Title ${label}`, `Body ${WORD[label]}`);
    await request(app).post(`/api/v1/posts/${items.CLEAR}/publish`).set(people.practitioner.auth).expect(200);
    for (const label of LABELS.filter((l) => l !== 'RED'))
      raisedItems[label] = await post(label, `Raised ${label}`, 'to be raised');
    await request(app).post('/api/v1/spaces/workshop/leave').set(extra.leaver.auth).expect(200);
    await addMembers('workshop', people.expert);
    for (const id of Object.values(raisedItems))
      await request(app)
        .post(`/api/v1/posts/${id}/relabel`)
        .set(people.moderator.auth)
        .send({ label: 'RED', justification: 'names a site' })
        .expect(200);
  });

  async function observe(who: Who): Promise<Row[]> {
    const id = (label: Label) => items[label];
    const rows: Row[] = LABELS.map((label) => [who, label, N, N, N, 'none', N, N, N, N, N, _, _, _]);
    const list = await request(app).get('/api/v1/spaces/workshop/posts?limit=100').set(auth(who));
    const listed = new Set<string>(
      list.status === 200 ? list.body.items.map((p: { id: string }) => p.id) : [],
    );
    const notes = await request(app).get('/api/v1/me/notifications?limit=100').set(auth(who));
    const notices = notes.status === 200 ? (notes.body.items as { post: string; body?: string }[]) : [];
    const exp = await request(app).get('/api/v1/me/export').set(auth(who));
    const exported = new Set<string>(
      exp.status === 200 ? exp.body.posts.map((p: { id: string }) => p.id) : [],
    );
    const pub = await request(app).get('/api/v1/public/posts?limit=100');
    const published = new Set<string>(pub.body.items.map((p: { id: string }) => p.id));
    const person = personOf(who);
    const actor: Actor = person ? await actorFromApiToken(person.auth.Authorization.slice(7)) : ANONYMOUS;
    for (const row of rows) {
      const label = row[1];
      const item = await request(app)
        .get(`/api/v1/posts/${id(label)}`)
        .set(auth(who));
      row[2] = item.status === 200 && item.body.title === `Title ${label}`;
      row[3] = listed.has(id(label));
      const found = await request(app).get(`/api/v1/search/posts?q=${WORD[label]}`).set(auth(who));
      row[4] = found.status === 200 && found.body.items.some((p: { id: string }) => p.id === id(label));
      const notice = notices.find((n) => n.post === id(label));
      row[5] = notice ? (notice.body === `Body ${WORD[label]}` ? 'full' : 'link') : 'none';
      row[6] = exported.has(id(label));
      row[7] = published.has(id(label));
      const stored = await loadContent(id(label));
      row[10] = await authorizeDownload(actor, stored!).then(
        () => true,
        () => false,
      );
      const raised = raisedItems[label];
      if (raised) {
        const res = await request(app).get(`/api/v1/posts/${raised}`).set(auth(who));
        row[13] = res.status === 200 && res.body.title === `Raised ${label}`;
      }
    }
    return rows;
  }

  async function act(who: Who, rows: Row[]): Promise<void> {
    for (const row of rows) {
      const label = row[1];
      const created = await request(app)
        .post('/api/v1/spaces/workshop/posts')
        .set(auth(who))
        .send({ title: 'New', body: 'new material', label });
      row[8] = created.status === 201;
      const shared = await request(app)
        .post(`/api/v1/posts/${items[label]}/share`)
        .set(auth(who))
        .send({ to: shareTarget[who] });
      row[9] = shared.status === 201;
      const rank = LABELS.indexOf(label);
      for (const [column, step] of [
        [11, 1],
        [12, -1],
      ] as const) {
        const to = LABELS[rank + step];
        if (!to) continue;
        const fresh = await post(label, 'Fresh', 'fresh material');
        const res = await request(app)
          .post(`/api/v1/posts/${fresh}/relabel`)
          .set(auth(who))
          .send({ label: to, justification: 'table test' });
        row[column] = res.status === 200;
      }
    }
  }

  it('matches the table exactly, for every person, label and channel', async () => {
    const everyone = [...new Set(EXPECTED.map((r) => r[0]))];
    const observed: Row[] = [];
    for (const who of everyone) observed.push(...(await observe(who)));
    for (const who of everyone)
      await act(
        who,
        observed.filter((r) => r[0] === who),
      );
    const differences = tableDifferences(observed, EXPECTED, COLUMNS);
    assert.deepEqual(differences, []);
  });
});
