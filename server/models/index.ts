/** Registers every model, so that index creation and test resets see them all. */
export { HubModel } from './Hub.js';
export { CityModel } from './City.js';
export { PersonModel } from './Person.js';
export { ApplicationModel } from './Application.js';
export { ApiTokenModel } from './ApiToken.js';
export { AuditEntryModel } from './AuditEntry.js';
export { SessionModel } from './Session.js';
export { PersonIdentityModel } from './PersonIdentity.js';
export { LocalCredentialModel } from './LocalCredential.js';
export { AuthLinkModel } from './AuthLink.js';
export { IdentityProviderModel } from './IdentityProvider.js';
export { SamlRequestModel } from './SamlRequest.js';
export { SamlAssertionModel } from './SamlAssertion.js';
