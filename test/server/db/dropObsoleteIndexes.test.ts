import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { dropObsoleteIndexes } from '../../../server/db/dropObsoleteIndexes.js';
import { PersonModel } from '../../../server/models/Person.js';

describe('dropObsoleteIndexes', () => {
  it('replaces the old unique e-mail index on people so index creation succeeds', async () => {
    const people = mongoose.connection.collection('people');
    await people.dropIndex('email_1').catch(() => undefined);
    await people.createIndex({ email: 1 }, { unique: true, name: 'email_1' });
    await dropObsoleteIndexes();
    await PersonModel.createIndexes();
    const email = (await people.indexes()).find((i) => i.name === 'email_1');
    assert.ok(email);
    assert.notEqual(email.unique, true);
  });
});
