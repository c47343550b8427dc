/** /api/v1/cities: member cities are public; applicants and status changes are for admins. */
import type { z } from 'zod';
import {
  City,
  CityCreate,
  CityListQuery,
  CityParams,
  CityStatusChange,
  CityUpdate,
  pageOf,
} from '../../../shared/schemas/index.js';
import { changeCityStatus } from '../../services/cities/changeCityStatus.js';
import { createCity } from '../../services/cities/createCity.js';
import { getCity } from '../../services/cities/getCity.js';
import { listCities } from '../../services/cities/listCities.js';
import { updateCity } from '../../services/cities/updateCity.js';
import { defineRoute } from '../defineRoute.js';

/** The city routes. */
export const cityRoutes = [
  defineRoute({
    method: 'get',
    path: '/cities',
    tag: 'Cities',
    access: 'public',
    summary: 'List cities (members publicly; all statuses for admins)',
    query: CityListQuery,
    response: pageOf(City),
    handler: ({ actor, query }) => listCities(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/cities/:city',
    tag: 'Cities',
    access: 'public',
    summary: 'Read a city',
    params: CityParams,
    response: City,
    handler: ({ actor, params }) => getCity(actor, params.city),
  }),
  defineRoute({
    method: 'post',
    path: '/cities',
    tag: 'Cities',
    access: 'admin',
    summary: 'Create a city',
    status: 201,
    body: CityCreate,
    response: City,
    handler: ({ actor, body }) => createCity(actor, body as z.infer<typeof CityCreate>),
  }),
  defineRoute({
    method: 'patch',
    path: '/cities/:city',
    tag: 'Cities',
    access: 'members',
    summary: "Change a city's details (admin; focal point: name and focal points)",
    params: CityParams,
    body: CityUpdate,
    response: City,
    handler: ({ actor, params, body }) => updateCity(actor, params.city, body as z.infer<typeof CityUpdate>),
  }),
  defineRoute({
    method: 'post',
    path: '/cities/:city/status',
    tag: 'Cities',
    access: 'admin',
    summary: 'Move a city along its membership lifecycle',
    params: CityParams,
    body: CityStatusChange,
    response: City,
    handler: ({ actor, params, body }) =>
      changeCityStatus(actor, params.city, body as z.infer<typeof CityStatusChange>),
  }),
];
