/** Our own (service provider) addresses for one identity provider: stable paths under /auth/saml/<slug>/. */
import type { Config } from '../../config.js';

/** The SP entity id, ACS, SLO and metadata URLs for a provider slug. */
export function spUrls(config: Config, slug: string) {
  const base = `${config.publicUrl}/auth/saml/${encodeURIComponent(slug)}`;
  return {
    entityId: `${base}/metadata`,
    metadata: `${base}/metadata`,
    login: `${base}/login`,
    acs: `${base}/acs`,
    slo: `${base}/slo`,
  };
}
