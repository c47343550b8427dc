/**
 * Outbox coverage (issue #15): every service family that changes a stored document writes its audit
 * entry with the change (server/audit/auditOutbox.ts). For a representative change of each, the chain
 * gains exactly one entry with the right action, and the document carries no pending entry afterwards.
 * Then a relabel killed (SIGKILL, in a child process) between its write and the append leaves its entry
 * pending in the post, and the sweep appends it exactly once.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Request } from 'express';
import type { Express } from 'express';
import type { Model } from 'mongoose';
import { Types } from 'mongoose';
import { generate } from 'otplib';
import request from 'supertest';
import { configureAuditKey } from '../../../server/audit/auditKey.js';
import { sweepAuditOutbox } from '../../../server/audit/auditOutbox.js';
import type { AuthContext } from '../../../server/auth/authContext.js';
import type { Config } from '../../../server/config.js';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { DocumentModel } from '../../../server/models/Document.js';
import { ExpertProfileModel } from '../../../server/models/ExpertProfile.js';
import { ExpertRequestModel } from '../../../server/models/ExpertRequest.js';
import { ForumCategoryModel } from '../../../server/models/ForumCategory.js';
import { IdentityProviderModel } from '../../../server/models/IdentityProvider.js';
import { LibraryRecordModel } from '../../../server/models/LibraryRecord.js';
import { LocalCredentialModel } from '../../../server/models/LocalCredential.js';
import { PostModel } from '../../../server/models/Post.js';
import { ScimTokenModel } from '../../../server/models/ScimToken.js';
import { SpaceMembershipModel } from '../../../server/models/SpaceMembership.js';
import { loadActivePersonActor } from '../../../server/policy/personActor.js';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../../server/services/auth/totpEnrolment.js';
import { holdDocument } from '../../../server/services/documents/holdDocument.js';
import { updateMyExpertProfile } from '../../../server/services/experts/updateMyExpertProfile.js';
import { verifyExpert } from '../../../server/services/experts/verifyExpert.js';
import { createCategory } from '../../../server/services/forums/createCategory.js';
import { updateIdentityProvider } from '../../../server/services/identityProviders/updateIdentityProvider.js';
import { createLibraryRecord } from '../../../server/services/library/createLibraryRecord.js';
import { submitLibraryRecord } from '../../../server/services/library/reviewLibraryRecord.js';
import { createPost } from '../../../server/services/posts/createPost.js';
import { relabelPost } from '../../../server/services/posts/relabelPost.js';
import { createRequest } from '../../../server/services/requests/createRequest.js';
import { transitionRequest } from '../../../server/services/requests/transitionRequest.js';
import { issueScimToken } from '../../../server/services/scim/scimTokens.js';
import { addSpaceMember } from '../../../server/services/spaces/addSpaceMember.js';
import type { PersonActor } from '../../../shared/policy/actor.js';
import { ExpertProfileUpdate } from '../../../shared/schemas/experts.js';
import { ForumCategoryCreate } from '../../../shared/schemas/forums.js';
import { IdentityProviderUpdate } from '../../../shared/schemas/identityProviders.js';
import { NewLibraryRecord } from '../../../shared/schemas/library.js';
import { NewRequest } from '../../../shared/schemas/requests.js';
import { TEST_AUDIT_KEY, testApp, testConfig } from '../../support/app.js';
import { resetDatabase, testDatabaseName, testDatabaseUri } from '../../support/database.js';
import { OPERATOR } from '../../support/fixtures.js';
import { registerTestIdp, testKey } from '../../support/saml.js';
import { seedSharing, type SharingPeople } from '../../support/sharingFixtures.js';

const RELABEL_ENTRY = path.resolve('test/server/audit/crash/relabelEntry.ts');

/** One representative change: what it does, the entry it must write, and the document that carries it. */
interface Case {
  family: string;
  action: string;
  /** Performs the change; returns the model and id of the document that carried the entry. */
  run: () => Promise<{ model: Model<never>; id: unknown }>;
}

/** The raw stored document (as the driver reads it, so nothing of the schema hides a field). */
async function raw(model: Model<never>, id: unknown): Promise<Record<string, unknown> | null> {
  const _id = typeof id === 'string' ? new Types.ObjectId(id) : id;
  return (await model.collection.findOne({ _id } as never)) as Record<string, unknown> | null;
}

describe('audit outbox coverage: each family stores its entry with its change', function () {
  this.timeout(180_000);
  let p: SharingPeople;
  let app: Express;
  let config: Config;
  const as = async (id: string): Promise<PersonActor> => {
    const actor = await loadActivePersonActor(id);
    if (!actor) throw new Error('not an active person');
    return actor;
  };

  before(async () => {
    await resetDatabase();
    configureAuditKey(TEST_AUDIT_KEY);
    p = (await seedSharing()).people;
    config = testConfig();
    app = testApp();
    await registerTestIdp(config, 'lyon-idp', 'lyon', await testKey('lyon-idp'));
  });

  /** A GREEN post by the practitioner in the workshop (RED ceiling), which they may raise. */
  async function greenPost(title: string): Promise<string> {
    const post = await createPost(await as(p.practitioner.id), 'workshop', {
      title,
      body: 'Notes from the session on youth outreach.',
      label: 'GREEN',
    });
    return post.id;
  }

  const CASES: Case[] = [
    {
      family: 'spaces (member added)',
      action: 'space.member_added',
      run: async () => {
        await addSpaceMember(OPERATOR, 'workshop', { person: p.moderator.id, role: 'member' });
        const membership = await SpaceMembershipModel.findOne({ personId: p.moderator.id }).lean();
        return { model: SpaceMembershipModel as never, id: membership?._id };
      },
    },
    {
      family: 'moderation (relabel)',
      action: 'content.relabelled',
      run: async () => {
        const id = await greenPost('Outreach notes');
        await relabelPost(await as(p.practitioner.id), id, 'AMBER', 'names a partner organisation');
        return { model: PostModel as never, id };
      },
    },
    {
      family: 'identity providers (update)',
      action: 'idp.updated',
      run: async () => {
        const input = IdentityProviderUpdate.parse({ name: 'Lyon staff directory' });
        await updateIdentityProvider(OPERATOR, 'lyon-idp', input, config);
        const idp = await IdentityProviderModel.findOne({ slug: 'lyon-idp' }).lean();
        return { model: IdentityProviderModel as never, id: idp?._id };
      },
    },
    {
      family: 'SCIM tokens (issue)',
      action: 'scim.token_issued',
      run: async () => {
        const issued = await issueScimToken(OPERATOR, 'lyon-idp', config);
        return { model: ScimTokenModel as never, id: issued.item.id };
      },
    },
    {
      family: 'second factors (TOTP enrolment)',
      action: 'auth.totp_enrolled',
      run: async () => {
        // A local account: a password is set (its value is not used here).
        await LocalCredentialModel.updateOne(
          { personId: p.focal.id },
          { $set: { passwordHash: 'set-by-the-test' } },
        );
        const actor = await as(p.focal.id);
        const req = {} as Request;
        const { secret } = await startTotpEnrolment(actor, req);
        const ctx = { config } as AuthContext;
        await confirmTotpEnrolment(ctx, actor, req, await generate({ secret }));
        const credential = await LocalCredentialModel.findOne({ personId: p.focal.id }).lean();
        return { model: LocalCredentialModel as never, id: credential?._id };
      },
    },
    {
      family: 'forums (category created)',
      action: 'forum.category.created',
      run: async () => {
        const input = ForumCategoryCreate.parse({ slug: 'safety', name: 'Safety' });
        const created = await createCategory(await as(p.admin.id), 'europe-forum', input);
        const stored = await ForumCategoryModel.findOne({ slug: created.slug }).lean();
        return { model: ForumCategoryModel as never, id: stored?._id };
      },
    },
    {
      family: 'documents (hold)',
      action: 'document.held',
      run: async () => {
        const res = await request(app)
          .post('/api/v1/spaces/workshop/documents')
          .set(p.practitioner.auth)
          .field('title', 'Session minutes')
          .field('label', 'GREEN')
          .attach('file', Buffer.from('Minutes of the session. '.repeat(40)), 'minutes.txt')
          .expect(201);
        const id = res.body.id as string;
        await holdDocument(await as(p.moderator.id), id, 'Kept for the review of the session');
        return { model: DocumentModel as never, id };
      },
    },
    {
      family: 'library (submitted for review)',
      action: 'library.submitted',
      run: async () => {
        const input = NewLibraryRecord.parse({
          title: 'Joining schools and youth workers',
          summary: 'Weekly meetings of school staff and youth workers, with a shared referral route.',
          problem: 'Teenagers were approached online.',
          approach: 'A shared referral route between schools and youth services.',
          results: 'Referrals doubled within a term.',
          transferability: 'Works where schools already meet youth services.',
          label: 'CLEAR',
          themes: ['youth-engagement', 'schools'],
          regions: ['europe'],
          language: 'en',
        });
        const author = await as(p.practitioner.id);
        const record = await createLibraryRecord(author, input);
        await submitLibraryRecord(author, record.id, {
          checklist: { noGroupTargeting: true, noPersonalData: true, placesChecked: true },
        } as never);
        return { model: LibraryRecordModel as never, id: record.id };
      },
    },
    {
      family: 'requests (transition)',
      action: 'request.transitioned',
      run: async () => {
        const input = NewRequest.parse({
          title: 'Working with schools',
          problem: 'What works with schools?',
          topics: ['youth-engagement'],
          formats: ['remote_advice'],
          languages: ['en'],
        });
        const asked = await createRequest(await as(p.practitioner.id), input);
        await transitionRequest(await as(p.coordinator.id), asked.id, { to: 'matching' } as never);
        return { model: ExpertRequestModel as never, id: asked.id };
      },
    },
    {
      family: 'experts (verification)',
      action: 'expert_profile.verified',
      run: async () => {
        const expert = await as(p.expert.id);
        await updateMyExpertProfile(
          expert,
          ExpertProfileUpdate.parse({
            summary: 'Municipal youth work.',
            topics: ['youth-engagement'],
            languages: [{ code: 'fr', proficiency: 'native' }],
            regions: ['europe'],
            countries: ['FR'],
            formats: ['remote_advice'],
            availability: 'available',
            timeZone: 'Europe/Paris',
            maxConcurrent: 2,
            conflicts: { cities: [], countries: [], organisations: [] },
          }),
        );
        await verifyExpert(await as(p.admin.id), p.expert.id, { verified: true, clearance: 'AMBER' });
        const profile = await ExpertProfileModel.findOne({ personId: p.expert.id }).lean();
        return { model: ExpertProfileModel as never, id: profile?._id };
      },
    },
  ];

  for (const c of CASES)
    it(`${c.family}: one ${c.action} entry, nothing left pending`, async () => {
      const before = await AuditEntryModel.countDocuments({ action: c.action });
      const { model, id } = await c.run();
      assert.equal(
        await AuditEntryModel.countDocuments({ action: c.action }),
        before + 1,
        'exactly one entry appended',
      );
      const entry = await AuditEntryModel.findOne({ action: c.action }).sort({ seq: -1 }).lean();
      assert.ok(entry?.outboxId, 'appended from the outbox');
      const stored = await raw(model, id);
      assert.ok(stored, 'the carrying document exists');
      assert.equal('auditOutbox' in stored, false, 'no pending entry left on the document');
      assert.equal(await sweepAuditOutbox(), 0, 'nothing for the sweep');
    });

  /** Relabels `post` as the practitioner in a child process killed (SIGKILL) at `point`. */
  function relabelInChild(post: string, point: string) {
    return new Promise<{ signal: NodeJS.Signals | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', RELABEL_ENTRY], {
        env: {
          ...process.env,
          CRASH_DB_URI: testDatabaseUri(),
          CRASH_DB_NAME: testDatabaseName(),
          CRASH_AUDIT_KEY: TEST_AUDIT_KEY,
          CRASH_OP: JSON.stringify({ post, person: p.practitioner.id, to: 'AMBER' }),
          CRASH_AT: point,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.once('exit', (_code, signal) => resolve({ signal, output }));
    });
  }

  for (const point of ['outbox.written', 'outbox.appended'])
    it(`a relabel killed at ${point} is stored with its entry, which the sweep appends exactly once`, async () => {
      const id = await greenPost(`Killed at ${point}`);
      const run = await relabelInChild(id, point);
      assert.equal(run.signal, 'SIGKILL', run.output);
      const left = await raw(PostModel as never, id);
      assert.equal(left?.label, 'AMBER', 'the change is stored');
      const pending = left?.auditOutbox as { id: string; action: string }[] | undefined;
      assert.equal(pending?.length, 1, 'its entry is pending with it');
      assert.equal(pending?.[0]?.action, 'content.relabelled');
      const entries = () => AuditEntryModel.countDocuments({ outboxId: pending?.[0]?.id });
      assert.equal(await entries(), point === 'outbox.written' ? 0 : 1);
      await sweepAuditOutbox();
      await sweepAuditOutbox();
      assert.equal(await entries(), 1, 'appended exactly once');
      const entry = await AuditEntryModel.findOne({ outboxId: pending?.[0]?.id }).lean();
      assert.deepEqual(entry?.target, { type: 'Post', id, label: 'AMBER' });
      assert.deepEqual(entry?.details, { from: 'GREEN', to: 'AMBER', why: 'raised in the crash test' });
      assert.equal('auditOutbox' in ((await raw(PostModel as never, id)) ?? {}), false, 'nothing left');
    });
});
