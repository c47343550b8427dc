/** The actor of the admin command line: the operator, recorded by their system user name. */
import os from 'node:os';
import type { OperatorActor } from '../../shared/policy/actor.js';

/** The operator running this command. */
export function operator(): OperatorActor {
  let user: string;
  try {
    user = os.userInfo().username;
  } catch {
    // Containers without a passwd entry have no user name; the uid still identifies them.
    user = `uid ${process.getuid?.() ?? '?'}`;
  }
  return { kind: 'operator', name: `cli:${user}` };
}
