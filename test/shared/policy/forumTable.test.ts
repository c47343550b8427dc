/**
 * The table of expected outcomes for forum topics and replies, served by the content kernel
 * (SHARING.md, "How the code should hold these rules"): every role x every label x the forum's
 * channels, checked against the running app over HTTP with the real database.
 *
 * The world: "europe-red", a forum of the Europe hub with ceiling RED. The author (a Lyon
 * practitioner) starts one topic per label; the expert then joins explicitly (a later joiner);
 * everyone subscribes to every topic they may; Lyon's focal point replies to each topic at its label.
 * Channels: the topic by id, the category's topic list, the topic's replies, search (`/search`), the
 * reply notice (full, link only, none), the reply count the topic list shows, and starting a topic or
 * replying at that label.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { LABELS, type Label } from '../../../shared/policy/labels.js';
import { resetDatabase } from '../../support/database.js';
import { tableDifferences } from '../../support/outcomeTables.js';
import { testApp } from '../../support/app.js';
import type { TestPerson } from '../../support/fixtures.js';
import { addMembers, person, seedSharing, space, type SharingPeople } from '../../support/sharingFixtures.js';

const Y = true;
const N = false;

type ForumWho =
  | 'anonymous'
  | 'practitioner'
  | 'focal'
  | 'leader'
  | 'lateJoiner'
  | 'coordinator'
  | 'moderator'
  | 'admin'
  | 'applicant';
type Notice = 'full' | 'link' | 'none';
type Row = [
  ForumWho,
  Label,
  boolean, // topic: GET /forum/topics/:id shows it
  boolean, // list: the category's topic list holds it
  boolean, // replies: GET /forum/topics/:id/replies holds the reply
  boolean, // search: GET /search finds the reply
  Notice, // the reply notice in GET /me/notifications
  boolean, // count: the topic list counts the reply
  boolean, // start: POST a topic with that label
  boolean, // reply: POST a reply with that label to the topic of that label
];
const COLUMNS = ['who', 'label', 'topic', 'list', 'replies', 'search', 'notice', 'count', 'start', 'reply'];

// prettier-ignore
const EXPECTED: Row[] = [
  // who            label            topic list replies search notice  count start reply
  // signed out: the forum is for members; nothing here is published
  ['anonymous',     'CLEAR',         N,    N,   N,      N,     'none', N,    N,    N],
  ['anonymous',     'GREEN',         N,    N,   N,      N,     'none', N,    N,    N],
  ['anonymous',     'AMBER',         N,    N,   N,      N,     'none', N,    N,    N],
  ['anonymous',     'AMBER+STRICT',  N,    N,   N,      N,     'none', N,    N,    N],
  ['anonymous',     'RED',           N,    N,   N,      N,     'none', N,    N,    N],
  // the author (Lyon, Europe hub), subscribed: told of each reply, the body only at CLEAR and GREEN
  ['practitioner',  'CLEAR',         Y,    Y,   Y,      Y,     'full', Y,    Y,    Y],
  ['practitioner',  'GREEN',         Y,    Y,   Y,      Y,     'full', Y,    Y,    Y],
  ['practitioner',  'AMBER',         Y,    Y,   Y,      Y,     'link', Y,    Y,    Y],
  ['practitioner',  'AMBER+STRICT',  Y,    Y,   Y,      Y,     'link', Y,    Y,    Y],
  ['practitioner',  'RED',           Y,    Y,   Y,      Y,     'link', Y,    Y,    Y],
  // Lyon's focal point, who wrote the replies: never told of their own words
  ['focal',         'CLEAR',         Y,    Y,   Y,      Y,     'none', Y,    Y,    Y],
  ['focal',         'GREEN',         Y,    Y,   Y,      Y,     'none', Y,    Y,    Y],
  ['focal',         'AMBER',         Y,    Y,   Y,      Y,     'none', Y,    Y,    Y],
  ['focal',         'AMBER+STRICT',  Y,    Y,   Y,      Y,     'none', Y,    Y,    Y],
  ['focal',         'RED',           Y,    Y,   Y,      Y,     'none', Y,    Y,    Y],
  // Amman's leader: another hub's city, no part in this forum, not even unpublished CLEAR
  ['leader',        'CLEAR',         N,    N,   N,      N,     'none', N,    N,    N],
  ['leader',        'GREEN',         N,    N,   N,      N,     'none', N,    N,    N],
  ['leader',        'AMBER',         N,    N,   N,      N,     'none', N,    N,    N],
  ['leader',        'AMBER+STRICT',  N,    N,   N,      N,     'none', N,    N,    N],
  ['leader',        'RED',           N,    N,   N,      N,     'none', N,    N,    N],
  // the expert, joined after the topics: everything but RED, which keeps its first audience; starts RED topics of their own
  ['lateJoiner',    'CLEAR',         Y,    Y,   Y,      Y,     'full', Y,    Y,    Y],
  ['lateJoiner',    'GREEN',         Y,    Y,   Y,      Y,     'full', Y,    Y,    Y],
  ['lateJoiner',    'AMBER',         Y,    Y,   Y,      Y,     'link', Y,    Y,    Y],
  ['lateJoiner',    'AMBER+STRICT',  Y,    Y,   Y,      Y,     'link', Y,    Y,    Y],
  ['lateJoiner',    'RED',           N,    N,   N,      N,     'none', N,    Y,    N],
  // Europe's coordinator: takes part in and moderates the hub's forum, RED included (a member when it was shared)
  ['coordinator',   'CLEAR',         Y,    Y,   Y,      Y,     'full', Y,    Y,    Y],
  ['coordinator',   'GREEN',         Y,    Y,   Y,      Y,     'full', Y,    Y,    Y],
  ['coordinator',   'AMBER',         Y,    Y,   Y,      Y,     'link', Y,    Y,    Y],
  ['coordinator',   'AMBER+STRICT',  Y,    Y,   Y,      Y,     'link', Y,    Y,    Y],
  ['coordinator',   'RED',           Y,    Y,   Y,      Y,     'link', Y,    Y,    Y],
  // a global moderator: moderates without reading, takes part nowhere
  ['moderator',     'CLEAR',         N,    N,   N,      N,     'none', N,    N,    N],
  ['moderator',     'GREEN',         N,    N,   N,      N,     'none', N,    N,    N],
  ['moderator',     'AMBER',         N,    N,   N,      N,     'none', N,    N,    N],
  ['moderator',     'AMBER+STRICT',  N,    N,   N,      N,     'none', N,    N,    N],
  ['moderator',     'RED',           N,    N,   N,      N,     'none', N,    N,    N],
  // an admin manages the directory, not the material
  ['admin',         'CLEAR',         N,    N,   N,      N,     'none', N,    N,    N],
  ['admin',         'GREEN',         N,    N,   N,      N,     'none', N,    N,    N],
  ['admin',         'AMBER',         N,    N,   N,      N,     'none', N,    N,    N],
  ['admin',         'AMBER+STRICT',  N,    N,   N,      N,     'none', N,    N,    N],
  ['admin',         'RED',           N,    N,   N,      N,     'none', N,    N,    N],
  // a practitioner of Graz, an applicant city of the Europe hub: no space at all
  ['applicant',     'CLEAR',         N,    N,   N,      N,     'none', N,    N,    N],
  ['applicant',     'GREEN',         N,    N,   N,      N,     'none', N,    N,    N],
  ['applicant',     'AMBER',         N,    N,   N,      N,     'none', N,    N,    N],
  ['applicant',     'AMBER+STRICT',  N,    N,   N,      N,     'none', N,    N,    N],
  ['applicant',     'RED',           N,    N,   N,      N,     'none', N,    N,    N],
];

const WORD: Record<Label, string> = {
  CLEAR: 'quillwort',
  GREEN: 'verdigris',
  AMBER: 'ambergris',
  'AMBER+STRICT': 'stricture',
  RED: 'vermilion',
};

describe('forum topics and replies, channel by channel (table of expected outcomes)', function () {
  this.timeout(240_000);
  let app: Express;
  let people: SharingPeople;
  let applicant: TestPerson;
  const topics = {} as Record<Label, string>;
  const replies = {} as Record<Label, string>;
  const base = '/api/v1/spaces/europe-red/forum/categories/general/topics';

  const personOf = (who: ForumWho): TestPerson | null => {
    if (who === 'anonymous') return null;
    if (who === 'leader') return people.otherCity;
    if (who === 'lateJoiner') return people.expert;
    if (who === 'applicant') return applicant;
    return people[who];
  };
  const auth = (who: ForumWho): Record<string, string> => personOf(who)?.auth ?? {};

  before(async () => {
    await resetDatabase();
    people = (await seedSharing()).people;
    applicant = await person('Gina Graz', 'gina@graz.test.example', ['practitioner'], 'graz');
    app = testApp();
    await space('europe-red', 'hub', 'RED', 'GREEN', { hub: 'europe' });
    await request(app)
      .post('/api/v1/spaces/europe-red/forum/categories')
      .set(people.coordinator.auth)
      .send({ slug: 'general', name: 'general' })
      .expect(201);
    for (const label of LABELS) {
      const res = await request(app)
        .post(base)
        .set(people.practitioner.auth)
        .send({ title: `Topic ${label}`, body: `Opening ${label}`, label })
        .expect(201);
      topics[label] = res.body.id as string;
    }
    await addMembers('europe-red', people.expert);
    for (const who of [...new Set(EXPECTED.map((r) => r[0]))])
      for (const label of LABELS)
        await request(app).put(`/api/v1/forum/topics/${topics[label]}/subscription`).set(auth(who));
    for (const label of LABELS) {
      const res = await request(app)
        .post(`/api/v1/forum/topics/${topics[label]}/replies`)
        .set(people.focal.auth)
        .send({ body: `Reply ${WORD[label]}`, label })
        .expect(201);
      replies[label] = res.body.id as string;
    }
  });

  async function observe(who: ForumWho): Promise<Row[]> {
    const rows: Row[] = LABELS.map((label) => [who, label, N, N, N, N, 'none', N, N, N]);
    const list = await request(app).get(`${base}?limit=100`).set(auth(who));
    const listed = new Map<string, number>(
      list.status === 200
        ? list.body.items.map((t: { id: string; replies: number }) => [t.id, t.replies] as const)
        : [],
    );
    const notes = await request(app).get('/api/v1/me/notifications?limit=100').set(auth(who));
    const notices = notes.status === 200 ? (notes.body.items as { post: string; body?: string }[]) : [];
    for (const row of rows) {
      const label = row[1];
      const topic = await request(app).get(`/api/v1/forum/topics/${topics[label]}`).set(auth(who));
      row[2] = topic.status === 200 && topic.body.title === `Topic ${label}`;
      row[3] = listed.has(topics[label]);
      const thread = await request(app).get(`/api/v1/forum/topics/${topics[label]}/replies`).set(auth(who));
      row[4] =
        thread.status === 200 && thread.body.items.some((r: { id: string }) => r.id === replies[label]);
      const found = await request(app).get(`/api/v1/search?q=${WORD[label]}`).set(auth(who));
      row[5] = found.status === 200 && found.body.items.some((r: { id: string }) => r.id === replies[label]);
      const notice = notices.find((n) => n.post === replies[label]);
      row[6] = notice ? (notice.body === `Reply ${WORD[label]}` ? 'full' : 'link') : 'none';
      row[7] = (listed.get(topics[label]) ?? 0) > 0;
    }
    return rows;
  }

  async function act(who: ForumWho, rows: Row[]): Promise<void> {
    for (const row of rows) {
      const label = row[1];
      const started = await request(app).post(base).set(auth(who)).send({ title: 'New', body: 'new', label });
      row[8] = started.status === 201;
      const replied = await request(app)
        .post(`/api/v1/forum/topics/${topics[label]}/replies`)
        .set(auth(who))
        .send({ body: 'more', label });
      row[9] = replied.status === 201;
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
