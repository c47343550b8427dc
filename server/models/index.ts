/** Registers every model, so that index creation and test resets see them all. */
export { HubModel } from './Hub.js';
export { CityModel } from './City.js';
export { PersonModel } from './Person.js';
export { ApplicationModel } from './Application.js';
export { ApiTokenModel } from './ApiToken.js';
export { AuditEntryModel } from './AuditEntry.js';
export { SpaceModel } from './Space.js';
export { SpaceMembershipModel } from './SpaceMembership.js';
export { PostModel } from './Post.js';
export { FlagModel } from './Flag.js';
export { NotificationModel } from './Notification.js';
