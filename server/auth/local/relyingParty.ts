/**
 * The WebAuthn relying party: its id (the host name of PUBLIC_URL) and the one origin assertions
 * must come from (PUBLIC_URL's origin). A credential made for one deployment's host does not work
 * on another, and a phishing page on another origin gets nothing it can replay.
 */
import type { Config } from '../../config.js';

/** Who the authenticator signs for. */
export interface RelyingParty {
  /** The RP ID: PUBLIC_URL's host name (no port). */
  id: string;
  /** The expected origin: PUBLIC_URL's scheme, host and port. */
  origin: string;
  /** The name authenticators show. */
  name: string;
}

/** The relying party of this deployment. */
export function relyingParty(config: Pick<Config, 'publicUrl'>): RelyingParty {
  const url = new URL(config.publicUrl);
  return { id: url.hostname, origin: url.origin, name: 'Concordia' };
}
