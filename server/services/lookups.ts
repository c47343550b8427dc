/** Batch look-ups of related documents by id (FerretDB has no $lookup, so lists join in one extra query). */
import type { Types } from 'mongoose';
import type { Actor } from '../../shared/policy/actor.js';
import { can } from '../policy/authorize.js';
import { CityModel } from '../models/City.js';
import { HubModel } from '../models/Hub.js';
import { PersonModel } from '../models/Person.js';

type Id = Types.ObjectId | string | null | undefined;

function distinct(ids: Id[]): string[] {
  return [...new Set(ids.filter((id): id is Types.ObjectId | string => Boolean(id)).map(String))];
}

/** Map of hub id to slug. */
export async function hubSlugsById(ids: Id[]): Promise<Map<string, string>> {
  const hubs = await HubModel.find({ _id: { $in: distinct(ids) } }, { slug: 1 }).lean();
  return new Map(hubs.map((h) => [String(h._id), h.slug]));
}

/** Map of city id to slug, for the cities the actor may read (others stay unnamed). */
export async function citySlugsById(actor: Actor, ids: Id[]): Promise<Map<string, string>> {
  const cities = await CityModel.find({ _id: { $in: distinct(ids) } }, { slug: 1, status: 1 }).lean();
  return new Map(cities.filter((c) => can(actor, 'read', 'City', c)).map((c) => [String(c._id), c.slug]));
}

/** Map of person id to name, for active people only (used for coordinator and focal-point lists). */
export async function activeNamesById(ids: Id[]): Promise<Map<string, string>> {
  const people = await PersonModel.find(
    { _id: { $in: distinct(ids) }, status: 'active' },
    { name: 1 },
  ).lean();
  return new Map(people.map((p) => [String(p._id), p.name]));
}

/** Loads a hub by slug or returns null. */
export async function hubBySlug(slug: string) {
  return HubModel.findOne({ slug }).lean();
}

/** Loads a city by slug or returns null. */
export async function cityBySlug(slug: string) {
  return CityModel.findOne({ slug }).lean();
}
