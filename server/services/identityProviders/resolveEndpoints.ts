/**
 * A provider's endpoints from what the admin gave: metadata XML, a metadata URL (fetched within
 * limits; private addresses only in development and tests), or the explicit fields, which win over
 * metadata.
 */
import type { Config } from '../../config.js';
import {
  fetchMetadata,
  METADATA_FETCH_LIMITS,
  type MetadataFetchLimits,
} from '../../auth/saml/fetchMetadata.js';
import { parseIdpMetadata, toPem, type IdpEndpoints } from '../../auth/saml/parseIdpMetadata.js';

/** The endpoint fields of a create or update. */
export interface EndpointInput {
  metadataXml?: string | undefined;
  metadataUrl?: string | undefined;
  entityId?: string | undefined;
  ssoUrl?: string | undefined;
  sloUrl?: string | null | undefined;
  certificates?: string[] | undefined;
}

/** The fetch limits for this server: private addresses are reachable outside production only. */
export function metadataLimits(config: Config): MetadataFetchLimits {
  return { ...METADATA_FETCH_LIMITS, allowPrivateAddresses: config.env !== 'production' };
}

/** Endpoints from metadata (pasted or fetched), overridden by the explicit fields. */
export async function resolveEndpoints(
  input: EndpointInput,
  limits: MetadataFetchLimits,
): Promise<Partial<IdpEndpoints>> {
  const xml = input.metadataUrl ? await fetchMetadata(input.metadataUrl, limits) : input.metadataXml;
  const fromMetadata: Partial<IdpEndpoints> = xml ? parseIdpMetadata(xml) : {};
  return {
    ...fromMetadata,
    ...(input.entityId ? { entityId: input.entityId } : {}),
    ...(input.ssoUrl ? { ssoUrl: input.ssoUrl } : {}),
    ...(input.sloUrl !== undefined ? { sloUrl: input.sloUrl } : {}),
    ...(input.certificates ? { certificates: [...new Set(input.certificates.map(toPem))] } : {}),
  };
}
