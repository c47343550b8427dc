/** Who is acting: the input of every permission decision. */
import type { Role } from '../roles.js';

/** A visitor who has not signed in. */
export interface AnonymousActor {
  kind: 'anonymous';
}

/** A signed-in person. */
export interface PersonActor {
  kind: 'person';
  id: string;
  name: string;
  cityId: string | null;
  roles: readonly Role[];
}

/** An operator at the admin command line, with full rights; recorded by name in the audit log. */
export interface OperatorActor {
  kind: 'operator';
  name: string;
}

/** Any actor. */
export type Actor = AnonymousActor | PersonActor | OperatorActor;

/** The actor of every unauthenticated request. */
export const ANONYMOUS: AnonymousActor = { kind: 'anonymous' };
