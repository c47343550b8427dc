/**
 * The demo data's people as actors (so each demo item is made by its author through the services, and
 * every sharing rule applies), and the demo texts' mentions: `@{e-mail}` in a demo text becomes the
 * mention link the client would write for that person (shared/text/mentions.ts).
 */
import type { PersonActor } from '../../shared/policy/actor.js';
import { mentionMarkdown } from '../../shared/text/mentions.js';
import { PersonModel } from '../models/Person.js';
import { personActor } from '../policy/personActor.js';

/** `@{someone@example.org}` in a demo text. */
const MENTION = /@\{([^\s{}]+@[^\s{}]+)\}/g;

async function personOf(email: string) {
  const person = await PersonModel.findOne({ email }, { _id: 1, name: 1, cityId: 1, roles: 1 }).lean();
  if (!person) throw new Error(`demo data: no person ${email}`);
  return person;
}

/** The actor of the demo person with this e-mail (fails loudly: the demo data names someone unknown). */
export async function demoActor(email: string): Promise<PersonActor> {
  return personActor(await personOf(email));
}

/** The demo person's id. */
export async function demoPersonId(email: string): Promise<string> {
  return String((await personOf(email))._id);
}

/** The text with each `@{e-mail}` replaced by a mention of that person. */
export async function withMentions(text: string): Promise<string> {
  const emails = [...new Set([...text.matchAll(MENTION)].map((m) => m[1] as string))];
  const links = new Map<string, string>();
  for (const email of emails) {
    const person = await personOf(email);
    links.set(email, mentionMarkdown(String(person._id), person.name));
  }
  return text.replace(MENTION, (_whole, email: string) => links.get(email) ?? email);
}
