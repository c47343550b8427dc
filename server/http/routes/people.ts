/** /api/v1/people: the people of the network, for signed-in members only. */
import type { z } from 'zod';
import {
  PeopleListQuery,
  Person,
  PersonCreate,
  PersonParams,
  PersonRolesUpdate,
  PersonStatusChange,
  pageOf,
} from '../../../shared/schemas/index.js';
import { createPerson } from '../../services/people/createPerson.js';
import { getPerson } from '../../services/people/getPerson.js';
import { listPeople } from '../../services/people/listPeople.js';
import { setPersonRoles } from '../../services/people/setPersonRoles.js';
import { setPersonStatus } from '../../services/people/setPersonStatus.js';
import { defineRoute } from '../defineRoute.js';

/** The people routes. */
export const peopleRoutes = [
  defineRoute({
    method: 'get',
    path: '/people',
    tag: 'People',
    access: 'members',
    summary: 'List people',
    query: PeopleListQuery,
    response: pageOf(Person),
    handler: ({ actor, query }) => listPeople(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/people/:person',
    tag: 'People',
    access: 'members',
    summary: 'Read a person',
    params: PersonParams,
    response: Person,
    handler: ({ actor, params }) => getPerson(actor, params.person),
  }),
  defineRoute({
    method: 'post',
    path: '/people',
    tag: 'People',
    access: 'admin',
    summary: 'Create a person',
    status: 201,
    body: PersonCreate,
    response: Person,
    handler: ({ actor, body }) => createPerson(actor, body as z.infer<typeof PersonCreate>),
  }),
  defineRoute({
    method: 'put',
    path: '/people/:person/roles',
    tag: 'People',
    access: 'admin',
    summary: "Replace a person's roles",
    params: PersonParams,
    body: PersonRolesUpdate,
    response: Person,
    handler: ({ actor, params, body }) =>
      setPersonRoles(actor, params.person, (body as z.infer<typeof PersonRolesUpdate>).roles),
  }),
  defineRoute({
    method: 'post',
    path: '/people/:person/status',
    tag: 'People',
    access: 'admin',
    summary: 'Activate or suspend a person',
    params: PersonParams,
    body: PersonStatusChange,
    response: Person,
    handler: ({ actor, params, body }) => {
      const change = body as z.infer<typeof PersonStatusChange>;
      return setPersonStatus(actor, params.person, change.status, change.reason);
    },
  }),
];
