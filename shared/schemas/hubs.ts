/** Regional hubs: the Management Unit's field offices that organise cities by region. */
import { z } from 'zod';
import { LocalizedText, ObjectIdString, PageQuery, Slug } from './common.js';

/** A person shown as a hub coordinator (members only). */
export const CoordinatorRef = z.object({ id: ObjectIdString, name: z.string() });

/** A hub as the API returns it. Coordinators are listed for signed-in members only. */
export const Hub = z
  .object({
    id: ObjectIdString,
    slug: Slug,
    name: LocalizedText,
    coordinators: z.array(CoordinatorRef).optional(),
    /** What the reader may do with the hub (signed-in readers), decided by the policy. */
    abilities: z.object({ update: z.boolean() }).optional(),
  })
  .meta({ id: 'Hub' });

/** Input to create a hub. */
export const HubCreate = z
  .object({
    slug: Slug,
    name: LocalizedText,
    coordinatorIds: z.array(ObjectIdString).max(20).default([]),
  })
  .strict();

/** Input to change a hub; every field optional, at least one required. */
export const HubUpdate = z
  .object({
    name: LocalizedText.optional(),
    coordinatorIds: z.array(ObjectIdString).max(20).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change')
  .meta({ minProperties: 1 });

/** Query of the hub list. */
export const HubListQuery = PageQuery.strict();

/** Path parameter naming a hub. */
export const HubParams = z.object({ hub: Slug }).strict();
