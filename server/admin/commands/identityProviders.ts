/**
 * `idp add`, `idp list`, `idp update`, `idp disable`: cities' SAML identity providers. `idp add`
 * prints our SP metadata URL, to hand to the city's IT team. `idp sp-keys`, `idp sp-key-next`,
 * `idp sp-key-promote`: rollover of our own signing and encryption keys (published in every
 * provider's SP metadata).
 */
import { readFileSync } from 'node:fs';
import { IdentityProviderCreate, IdentityProviderUpdate } from '../../../shared/schemas/identityProviders.js';
import { loadConfig } from '../../config.js';
import { listIdentityProviders } from '../../services/identityProviders/listIdentityProviders.js';
import { registerIdentityProvider } from '../../services/identityProviders/registerIdentityProvider.js';
import { updateIdentityProvider } from '../../services/identityProviders/updateIdentityProvider.js';
import {
  listSpKeys,
  promoteSpKey,
  publishNextSpKey,
} from '../../services/identityProviders/spKeyRollover.js';
import { SpKeyUseInput } from '../../../shared/schemas/identityProviders.js';
import { allPages, parse, table, validate, type Command } from '../commandKit.js';
import { operator } from '../operator.js';

const ENDPOINT_OPTIONS = {
  metadata: { type: 'string' },
  'metadata-url': { type: 'string' },
  'entity-id': { type: 'string' },
  'sso-url': { type: 'string' },
  'slo-url': { type: 'string' },
  cert: { type: 'string', multiple: true },
} as const;

interface EndpointValues {
  metadata?: string;
  'metadata-url'?: string;
  'entity-id'?: string;
  'sso-url'?: string;
  'slo-url'?: string;
  cert?: string[];
}

function endpointInput(values: EndpointValues) {
  return {
    metadataXml: values.metadata ? readFileSync(values.metadata, 'utf8') : undefined,
    metadataUrl: values['metadata-url'],
    entityId: values['entity-id'],
    ssoUrl: values['sso-url'],
    sloUrl: values['slo-url'],
    certificates: values.cert?.map((file) => readFileSync(file, 'utf8')),
  };
}

function sp(idp: { slug: string; sp: { metadataUrl: string; acsUrl: string } }): string {
  return [
    `identity provider "${idp.slug}" saved.`,
    `Give the city this service-provider metadata URL: ${idp.sp.metadataUrl}`,
    `(ACS: ${idp.sp.acsUrl}; sign-in starts at ${idp.sp.metadataUrl.replace(/\/metadata$/, '/login')})`,
  ].join('\n');
}

function spKeyTable(keys: Awaited<ReturnType<typeof listSpKeys>>): string {
  return table([
    ['USE', 'STATE', 'VALID TO', 'SHA-256 FINGERPRINT'],
    ...keys.map((k) => [k.use, k.state, k.validTo, k.fingerprint256]),
  ]);
}

/** The identity provider commands. */
export const identityProviderCommands: Command[] = [
  {
    name: 'idp add',
    usage:
      'idp add --city <slug> (--metadata <file> | --metadata-url <url> | --entity-id <id> --sso-url <url> --cert <file> [--cert <file>]) [--slug <slug>] [--name <name>] [--slo-url <url>]',
    async run(args, out) {
      const { values } = parse(args, {
        city: { type: 'string' },
        slug: { type: 'string' },
        name: { type: 'string' },
        ...ENDPOINT_OPTIONS,
      });
      const city = values.city ?? '';
      const input = validate(IdentityProviderCreate, {
        city,
        slug: values.slug ?? city,
        name: values.name ?? `${city} identity provider`,
        ...endpointInput(values),
      });
      const idp = await registerIdentityProvider(operator(), input, loadConfig());
      out.print(idp, () => sp(idp));
    },
  },
  {
    name: 'idp update',
    usage:
      'idp update <slug> [--metadata <file> | --metadata-url <url>] [--entity-id <id>] [--sso-url <url>] [--cert <file> ...]',
    async run(args, out) {
      const { values, positionals } = parse(args, ENDPOINT_OPTIONS);
      const input = validate(IdentityProviderUpdate, endpointInput(values));
      const idp = await updateIdentityProvider(operator(), positionals[0] ?? '', input, loadConfig());
      out.print(idp, () => sp(idp));
    },
  },
  {
    name: 'idp disable',
    usage: 'idp disable <slug>',
    async run(args, out) {
      const { positionals } = parse(args, {});
      const idp = await updateIdentityProvider(
        operator(),
        positionals[0] ?? '',
        { status: 'disabled' },
        loadConfig(),
      );
      out.print(idp, () => `identity provider "${idp.slug}" disabled`);
    },
  },
  {
    name: 'idp list',
    usage: 'idp list [--city <slug>]',
    async run(args, out) {
      const { values } = parse(args, { city: { type: 'string' } });
      const config = loadConfig();
      const items = await allPages((cursor) =>
        listIdentityProviders(operator(), { city: values.city, limit: 100, cursor }, config),
      );
      out.print(items, () =>
        table([
          ['SLUG', 'CITY', 'STATUS', 'ENTITY ID', 'SP METADATA'],
          ...items.map((i) => [i.slug, i.city, i.status, i.entityId, i.sp.metadataUrl]),
        ]),
      );
    },
  },
  {
    name: 'idp sp-keys',
    usage: 'idp sp-keys',
    async run(args, out) {
      parse(args, {});
      const keys = await listSpKeys(operator());
      out.print(keys, () => spKeyTable(keys));
    },
  },
  {
    name: 'idp sp-key-next',
    usage: 'idp sp-key-next --use <signing|encryption>',
    async run(args, out) {
      const { values } = parse(args, { use: { type: 'string' } });
      const keys = await publishNextSpKey(operator(), validate(SpKeyUseInput, values.use));
      out.print(
        keys,
        () => `a next ${values.use} key is published in every SP metadata:\n${spKeyTable(keys)}`,
      );
    },
  },
  {
    name: 'idp sp-key-promote',
    usage: 'idp sp-key-promote --use <signing|encryption>',
    async run(args, out) {
      const { values } = parse(args, { use: { type: 'string' } });
      const keys = await promoteSpKey(operator(), validate(SpKeyUseInput, values.use));
      out.print(
        keys,
        () => `the next ${values.use} key is now current; the old one is retired:\n${spKeyTable(keys)}`,
      );
    },
  },
];
