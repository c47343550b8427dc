/**
 * The world of `bench/agents.ts`: `cities` member cities with two rooms each (kind `city`), a network
 * space with a forum category `general` and `topics` topics of three replies, `people` signed-in
 * people spread over the cities (the first a moderator, who seeds the forum), and 50 messages in
 * every room (one written through the API, copied in bulk). Returns the agents' people and topics.
 */
import mongoose, { Types } from 'mongoose';
import { MessageModel } from '../server/models/Message.js';
import { PersonModel } from '../server/models/Person.js';
import { SpaceModel } from '../server/models/Space.js';
import type { AgentPerson } from './agentsWorker.js';
import { addCityRoom, createPeople, createRooms, type StormPerson } from './stormPopulation.js';

/** What the agents need. */
export interface AgentWorld {
  people: AgentPerson[];
  topicIds: string[];
  /** Seeds the forum and rooms through the node at `url` (once it listens). */
  seed(url: string): Promise<void>;
}

/** Creates the cities, rooms, network space and people. */
export async function createAgentWorld(cities: number, people: number, topics: number): Promise<AgentWorld> {
  const first = await createRooms(cities);
  const second = await Promise.all(first.map((room) => addCityRoom(room, 'b')));
  const persons: StormPerson[] = await createPeople(first, people + 1);
  const [seeder, ...agents] = persons;
  if (!seeder) throw new Error('no people were made');
  await PersonModel.updateOne({ _id: seeder.personId }, { $set: { roles: ['practitioner', 'moderator'] } });
  await SpaceModel.create({
    slug: 'network',
    name: 'Network',
    kind: 'network',
    ceiling: 'GREEN',
    defaultLabel: 'GREEN',
    createdBy: 'bench',
  });
  const topicIds: string[] = [];
  return {
    people: agents.map((p) => ({
      cookie: p.cookie,
      csrfToken: p.csrfToken,
      rooms: [first[p.room]?.roomId as string, second[p.room]?.roomId as string],
    })),
    topicIds,
    async seed(url: string) {
      const post = async (path: string, body: unknown) => {
        const response = await fetch(`${url}/api/v1${path}`, {
          method: 'POST',
          headers: {
            Cookie: seeder.cookie,
            Origin: url,
            'X-CSRF-Token': seeder.csrfToken,
            'Content-Type': 'application/json',
            Accept: 'application/json',
          },
          body: JSON.stringify(body),
        });
        if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
        return (await response.json()) as { id: string };
      };
      await post('/spaces/network/forum/categories', { slug: 'general', name: 'General' });
      for (let i = 0; i < topics; i++) {
        const topic = await post('/spaces/network/forum/categories/general/topics', {
          title: `Prevention plan, district ${i}`,
          body: 'Community mediators in every district, a helpline for families, schools and youth.',
        });
        topicIds.push(topic.id);
        for (let r = 0; r < 3; r++)
          await post(`/forum/topics/${topic.id}/replies`, {
            body: `Reply ${r}: the mediators start in May.`,
          });
      }
      const home = first[seeder.room];
      if (!home) return;
      const made = await post(`/rooms/${home.roomId}/messages`, {
        clientId: 'agents-seed-template',
        body: 'The district plan: mediators, the helpline and the schools programme.',
      });
      const template = (await MessageModel.findById(made.id).lean()) as Record<string, unknown>;
      const copies = [...first, ...second].flatMap((room) =>
        Array.from({ length: 50 }, (_, i) => ({
          ...template,
          _id: new Types.ObjectId(),
          spaceId: new Types.ObjectId(room.roomId),
          clientId: `agents-seed-${room.roomId}-${i}`,
        })),
      );
      await mongoose.connection
        .collection(MessageModel.collection.collectionName)
        .insertMany(copies as never[]);
    },
  };
}
