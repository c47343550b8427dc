/**
 * /api/v1/saml/sp-keys: our own SAML key pairs (signing, encryption), published in every identity
 * provider's SP metadata, and their rollover (admins and the operator): publish a next key beside the
 * current one, then promote it (the old one is retired). Each step is audited by the service.
 */
import { SpCertificateList, SpKeyParams } from '../../../shared/schemas/identityProviders.js';
import {
  listSpKeys,
  promoteSpKey,
  publishNextSpKey,
} from '../../services/identityProviders/spKeyRollover.js';
import { defineRoute } from '../defineRoute.js';

/** The SP key routes. */
export const spKeyRoutes = [
  defineRoute({
    method: 'get',
    path: '/saml/sp-keys',
    tag: 'Identity providers',
    access: 'admin',
    summary: 'List our published SAML certificates (signing, encryption; current and next)',
    response: SpCertificateList,
    handler: async ({ actor }) => ({ items: await listSpKeys(actor) }),
  }),
  defineRoute({
    method: 'post',
    path: '/saml/sp-keys/:use/next',
    tag: 'Identity providers',
    access: 'admin',
    summary: 'Publish a next key beside the current one in every SP metadata (409 if one is already next)',
    params: SpKeyParams,
    response: SpCertificateList,
    handler: async ({ actor, params }) => ({ items: await publishNextSpKey(actor, params.use) }),
  }),
  defineRoute({
    method: 'post',
    path: '/saml/sp-keys/:use/promote',
    tag: 'Identity providers',
    access: 'admin',
    summary:
      'Make the next key current; the old one is retired and no longer published (409 without a next key)',
    params: SpKeyParams,
    response: SpCertificateList,
    handler: async ({ actor, params }) => ({ items: await promoteSpKey(actor, params.use) }),
  }),
];
