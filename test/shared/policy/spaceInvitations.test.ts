/**
 * The policy's rules for spaces made by people and for invitations (shared/policy/spaces.ts): who may
 * open a peer room of their own, who can be invited, which roles stay fixed, and the group sizes.
 */
import assert from 'node:assert/strict';
import { bareContext } from '../../../shared/policy/sharingContext.js';
import { defineSharingAbility } from '../../../shared/policy/sharing.js';
import {
  GROUP_CONVERSATION,
  invitationRefusal,
  isFixedSpaceRole,
  isInvitableKind,
  personalCreationForms,
} from '../../../shared/policy/spaces.js';
import { subject } from '@casl/ability';
import type { Role } from '../../../shared/roles.js';

const person = (roles: Role[], cityId: string | null = 'c1') => ({
  kind: 'person' as const,
  id: 'p1',
  name: 'P',
  cityId,
  roles,
});

const peerRoom = (extra: Record<string, unknown> = {}) =>
  subject('Space', {
    _id: null,
    kind: 'peer_room',
    hubId: null,
    cityId: null,
    leadersOnly: true,
    ...extra,
  } as Record<string, unknown>);

describe('the policy of spaces made by people, and of invitations', () => {
  it('lets a leader of a member city, and no one else, open a peer room of the network', () => {
    const leader = { ...bareContext(person(['leader'])), cityId: 'c1' };
    const ability = defineSharingAbility(leader);
    assert.equal(ability.can('create', peerRoom()), true);
    assert.equal(ability.can('create', peerRoom({ hubId: 'h1' })), false);
    assert.equal(ability.can('create', peerRoom({ kind: 'committee' })), false);
    assert.equal(ability.can('create', peerRoom({ kind: 'event' })), false);
    // A leader whose city is not a member now (cityId not loaded), and a practitioner, may not.
    assert.deepEqual(personalCreationForms(bareContext(person(['leader']))), []);
    const practitioner = { ...bareContext(person(['practitioner'])), cityId: 'c1' };
    assert.equal(defineSharingAbility(practitioner).can('create', peerRoom()), false);
  });

  it('refuses invitees who take part already, non-leaders to leaders-only rooms, and those who could not take part', () => {
    const room = { leadersOnly: true };
    const invitee = (roles: string[], takesPart = false, wouldTakePart = true) => ({
      roles,
      takesPart,
      wouldTakePart,
    });
    assert.equal(invitationRefusal(room, invitee(['leader'])), null);
    assert.equal(invitationRefusal(room, invitee(['practitioner'], false, false)), 'invitee_not_leader');
    assert.equal(invitationRefusal(room, invitee(['leader'], true)), 'already_member');
    assert.equal(
      invitationRefusal({ leadersOnly: false }, invitee(['practitioner'], false, false)),
      'invitee_cannot_take_part',
    );
    assert.equal(invitationRefusal({ leadersOnly: false }, invitee(['community_partner'])), null);
  });

  it('keeps owners fixed, conversations closed to invitations, and groups at 3 to 20', () => {
    assert.equal(isFixedSpaceRole('owner'), true);
    assert.equal(isFixedSpaceRole('moderator'), false);
    assert.equal(isInvitableKind('direct'), false);
    assert.equal(isInvitableKind('peer_room'), true);
    assert.deepEqual(GROUP_CONVERSATION, { minPeople: 3, maxPeople: 20 });
  });
});
