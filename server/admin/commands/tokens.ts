/** `token create`, `token revoke`: personal API tokens for tools. */
import { z } from 'zod';
import { Line } from '../../../shared/schemas/common.js';
import { createApiToken, revokeApiTokens } from '../../services/tokens/apiTokens.js';
import { parse, validate, type Command } from '../commandKit.js';
import { operator } from '../operator.js';
import { personIdByEmail } from './people.js';

const TokenOptions = z.object({ label: Line(100), days: z.coerce.number().int().min(1).max(366) });

/** The token commands. */
export const tokenCommands: Command[] = [
  {
    name: 'token create',
    usage: 'token create <e-mail> [--label <what for>] [--days 90]',
    async run(args, out) {
      const { values, positionals } = parse(args, { label: { type: 'string' }, days: { type: 'string' } });
      const options = validate(TokenOptions, { label: values.label ?? 'api', days: values.days ?? '90' });
      const created = await createApiToken(
        operator(),
        await personIdByEmail(positionals[0]),
        options.label,
        options.days,
      );
      out.print(
        created,
        () =>
          `${created.token}\n(shown once; expires ${created.expiresAt}. Send it as "Authorization: Bearer <token>".)`,
      );
    },
  },
  {
    name: 'token revoke',
    usage: 'token revoke <e-mail>',
    async run(args, out) {
      const { positionals } = parse(args, {});
      const count = await revokeApiTokens(operator(), await personIdByEmail(positionals[0]));
      out.print({ revoked: count }, () => `revoked ${count} token(s)`);
    },
  },
];
