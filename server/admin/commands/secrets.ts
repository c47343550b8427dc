/** `secrets rewrap`: after adding a new DATA_ENCRYPTION_KEY first, re-wraps every stored secret under it. */
import { rewrapStoredSecrets } from '../../services/secrets/rewrapStoredSecrets.js';
import { parse, type Command } from '../commandKit.js';
import { operator } from '../operator.js';

/** The secrets commands. */
export const secretCommands: Command[] = [
  {
    name: 'secrets rewrap',
    usage: 'secrets rewrap   (after putting the new key first in DATA_ENCRYPTION_KEY)',
    async run(args, out) {
      parse(args, {});
      const outcomes = await rewrapStoredSecrets(operator());
      out.print(outcomes, () =>
        outcomes
          .map(
            (o) => `${o.model}: ${o.rewrapped} re-wrapped, ${o.alreadyCurrent} already under the current key`,
          )
          .join('\n'),
      );
    },
  },
];
