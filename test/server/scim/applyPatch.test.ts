/** SCIM PATCH on a resource's JSON form: RFC 7644 §3.5.2 and the habits of Entra ID and Okta. */
import assert from 'node:assert/strict';
import { applyPatch } from '../../../server/scim/applyPatch.js';
import { ScimError } from '../../../server/scim/scimError.js';
import {
  GROUP_SCHEMA,
  USER_ATTRIBUTES_DROPPED,
  USER_SCHEMA,
} from '../../../server/scim/schemaDefinitions.js';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ops = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });
const user = () => ({
  id: 'u1',
  userName: 'a@b.c',
  active: true,
  emails: [{ value: 'a@b.c', type: 'work', primary: true }],
  name: { givenName: 'A' },
});

function refuses(fn: () => unknown, scimType: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ScimError && e.scimType === scimType, scimType);
}

describe('SCIM PATCH', () => {
  it('adds, replaces and removes with paths, merging complex values', () => {
    const out = applyPatch(
      USER_SCHEMA,
      user(),
      ops(
        { op: 'add', path: 'name', value: { familyName: 'B' } },
        { op: 'replace', path: 'name.givenName', value: 'Z' },
        { op: 'remove', path: 'active' },
        { op: 'add', path: 'emails', value: [{ value: 'x@y.z', type: 'home' }] },
      ),
    );
    assert.deepEqual(out.name, { givenName: 'Z', familyName: 'B' });
    assert.equal(out.active, undefined);
    assert.equal((out.emails as unknown[]).length, 2);
  });

  it('takes Entra ID’s forms: capitalised ops, filtered paths that create, URN paths, string booleans kept for the check', () => {
    const out = applyPatch(
      USER_SCHEMA,
      user(),
      ops(
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'Add', path: 'emails[type eq "other"].value', value: 'o@b.c' },
        { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Parks' },
        { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '1' },
      ),
      USER_ATTRIBUTES_DROPPED,
    );
    assert.equal(out.active, 'False');
    assert.deepEqual(
      (out.emails as { type: string }[]).map((e) => e.type),
      ['work', 'other'],
    );
    assert.deepEqual(out[ENTERPRISE], { department: 'Parks' });
    assert.equal(out.phoneNumbers, undefined);
  });

  it('takes Okta’s form: no path, a value object with paths as keys', () => {
    const out = applyPatch(
      USER_SCHEMA,
      user(),
      ops({
        op: 'replace',
        value: { active: false, 'name.familyName': 'F', [ENTERPRISE]: { division: 'D' } },
      }),
    );
    assert.equal(out.active, false);
    assert.equal((out.name as { familyName: string }).familyName, 'F');
    assert.deepEqual(out[ENTERPRISE], { division: 'D' });
  });

  it('removes group members by filter and by a value list (Entra ID)', () => {
    const group = { id: 'g', displayName: 'G', members: [{ value: '1' }, { value: '2' }, { value: '3' }] };
    const out = applyPatch(
      GROUP_SCHEMA,
      group,
      ops(
        { op: 'remove', path: 'members[value eq "1"]' },
        { op: 'Remove', path: 'members', value: [{ value: '3' }] },
      ),
    );
    assert.deepEqual(out.members, [{ value: '2' }]);
    assert.deepEqual(group.members.length, 3, 'the input is not changed');
  });

  it('refuses read-only targets, missing targets, bad paths and bad bodies', () => {
    refuses(
      () => applyPatch(USER_SCHEMA, user(), ops({ op: 'replace', path: 'id', value: 'x' })),
      'mutability',
    );
    refuses(
      () => applyPatch(USER_SCHEMA, user(), ops({ op: 'add', path: 'groups', value: [] })),
      'mutability',
    );
    refuses(() => applyPatch(USER_SCHEMA, user(), ops({ op: 'remove', path: 'userName' })), 'mutability');
    refuses(() => applyPatch(USER_SCHEMA, user(), ops({ op: 'remove' })), 'noTarget');
    refuses(
      () =>
        applyPatch(
          USER_SCHEMA,
          user(),
          ops(
            { op: 'replace', path: 'emails[type pr].display', value: 'x' },
            { op: 'replace', path: 'emails[type co "zz"].display', value: 'x' },
          ),
        ),
      'noTarget',
    );
    refuses(
      () => applyPatch(USER_SCHEMA, user(), ops({ op: 'replace', path: 'nosuch', value: 1 })),
      'invalidPath',
    );
    refuses(
      () => applyPatch(USER_SCHEMA, user(), ops({ op: 'replace', path: 'emails[type eq', value: 1 })),
      'invalidPath',
    );
    refuses(
      () => applyPatch(USER_SCHEMA, user(), ops({ op: 'replace', path: 'emails.value', value: 1 })),
      'invalidPath',
    );
    refuses(
      () => applyPatch(USER_SCHEMA, user(), ops({ op: 'copy', path: 'title', value: 1 })),
      'invalidSyntax',
    );
    refuses(() => applyPatch(USER_SCHEMA, user(), { Operations: [] }), 'invalidSyntax');
    refuses(() => applyPatch(USER_SCHEMA, user(), ops()), 'invalidSyntax');
    refuses(() => applyPatch(USER_SCHEMA, user(), ops({ op: 'add', path: 'title' })), 'invalidValue');
    refuses(
      () => applyPatch(USER_SCHEMA, user(), ops({ op: 'add', value: 'not an object' })),
      'invalidValue',
    );
  });
});
