/**
 * The records side of an account's erasure: every way to sign in (identities at providers, the local
 * credential with its password and second factor, API tokens, sign-in and reset links), every
 * session (their open sockets are disconnected on every node), and what was kept about the person
 * only for them (notifications, preferences, read markers, subscriptions, reactions, memberships,
 * the hubs they coordinated and the cities they were focal point of, their name in the names of their
 * direct conversations and on flags they resolved, an expert's profile and the offers made to them,
 * the records a city's directory provisioned through SCIM and their place in its groups), and the
 * person record itself.
 * Their id stays where their kept material and audit entries carry it, naming no one.
 */
import { endPersonSessions } from '../../auth/endSessions.js';
import { ApiTokenModel } from '../../models/ApiToken.js';
import { AuthLinkModel } from '../../models/AuthLink.js';
import { CityModel } from '../../models/City.js';
import { ExpertProfileModel } from '../../models/ExpertProfile.js';
import { RequestOfferModel } from '../../models/RequestOffer.js';
import { ScimGroupModel } from '../../models/ScimGroup.js';
import { ScimUserModel } from '../../models/ScimUser.js';
import { FlagModel } from '../../models/Flag.js';
import { ForumReadMarkerModel } from '../../models/ForumReadMarker.js';
import { ForumSubscriptionModel } from '../../models/ForumSubscription.js';
import { HubModel } from '../../models/Hub.js';
import { LocalCredentialModel } from '../../models/LocalCredential.js';
import { NotificationModel } from '../../models/Notification.js';
import { NotificationPreferenceModel } from '../../models/NotificationPreference.js';
import { PersonIdentityModel } from '../../models/PersonIdentity.js';
import { PersonModel } from '../../models/Person.js';
import { ReactionModel } from '../../models/Reaction.js';
import { ReadMarkerModel } from '../../models/ReadMarker.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { SpaceModel } from '../../models/Space.js';
import { WebAuthnCredentialModel } from '../../models/WebAuthnCredential.js';

/**
 * A direct conversation is named after its two people (`A · B`): the erased person's name goes, the
 * other's stays (the slug `dm-<id>-<id>` keeps only ids).
 */
async function renameDirectRooms(personId: string): Promise<void> {
  const rooms = await SpaceModel.find({ kind: 'direct', slug: { $regex: personId } }, { slug: 1 }).lean();
  for (const room of rooms) {
    const otherId = room.slug
      .replace(/^dm-/, '')
      .split('-')
      .find((id) => id !== personId);
    const other = otherId ? await PersonModel.findById(otherId, { name: 1 }).lean() : null;
    await SpaceModel.updateOne({ _id: room._id }, { $set: { name: other?.name ?? room.slug } });
  }
}

/**
 * The directory's copies of the person (name, e-mails, attributes as SCIM sent them) go, and their
 * SCIM ids leave every group (one exact $pull per id: FerretDB ignores a conditional $pull).
 */
async function forgetScimRecords(personId: string): Promise<void> {
  const users = await ScimUserModel.find({ personId }, { _id: 1 }).lean();
  for (const user of users)
    await ScimGroupModel.updateMany({ memberIds: user._id }, { $pull: { memberIds: user._id } });
  await ScimUserModel.deleteMany({ personId });
}

/** Removes the person's records (see the module comment); returns how many sessions ended. */
export async function removePersonalRecords(personId: string): Promise<number> {
  // Ways in first: from here on nobody can act as this person, on any channel.
  await Promise.all([
    PersonIdentityModel.deleteMany({ personId }),
    LocalCredentialModel.deleteMany({ personId }),
    WebAuthnCredentialModel.deleteMany({ personId }),
    ApiTokenModel.deleteMany({ personId }),
    AuthLinkModel.deleteMany({ personId }),
  ]);
  const sessionsEnded = await endPersonSessions(personId);
  await Promise.all([
    NotificationModel.deleteMany({ recipientId: personId }),
    NotificationPreferenceModel.deleteOne({ _id: personId }),
    ReadMarkerModel.deleteMany({ personId }),
    ForumReadMarkerModel.deleteMany({ personId }),
    ForumSubscriptionModel.deleteMany({ personId }),
    ReactionModel.deleteMany({ personId }),
    SpaceMembershipModel.deleteMany({ personId }),
    // An expert's profile, and the offers made to them (each kept only a summary of its request).
    ExpertProfileModel.deleteMany({ personId }),
    RequestOfferModel.deleteMany({ expertId: personId }),
    HubModel.updateMany({ coordinatorIds: personId }, { $pull: { coordinatorIds: personId } }),
    CityModel.updateMany({ focalPointIds: personId }, { $pull: { focalPointIds: personId } }),
    // Flags they resolved as a moderator keep what was done, not who (their id names no one now).
    FlagModel.updateMany({ resolvedById: personId }, { $set: { resolvedByName: null } }),
  ]);
  await forgetScimRecords(personId);
  await renameDirectRooms(personId);
  await PersonModel.deleteOne({ _id: personId });
  return sessionsEnded;
}
