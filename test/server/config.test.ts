import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../server/config.js';
import { PRODUCTION_SECRETS } from '../support/app.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'concordia-config-'));

describe('configuration', () => {
  it('names every bad setting and what it expects', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', LOG_LEVEL: 'loud', DATA_DIR: tmp() }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /PORT: a port number/);
        assert.match(error.message, /MONGODB_URI: a mongodb:\/\/ or mongodb\+srv:\/\/ connection string/);
        assert.match(error.message, /LOG_LEVEL/);
        return true;
      },
    );
  });

  it('refuses to start in production without a session secret, or with demo data', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', DATA_DIR: tmp() }),
      /SESSION_SECRET: required in production/,
    );
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short' }),
      /at least 32 characters/,
    );
    const secret = 'x'.repeat(40);
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, DATA_DIR: tmp() }),
      /DATA_ENCRYPTION_KEY: required in production/,
    );
    assert.throws(
      () =>
        loadConfig({
          NODE_ENV: 'production',
          SESSION_SECRET: secret,
          DATA_ENCRYPTION_KEY: PRODUCTION_SECRETS.DATA_ENCRYPTION_KEY as string,
        }),
      /AUDIT_KEY: required in production/,
    );
    const keys = {
      SESSION_SECRET: secret,
      DATA_ENCRYPTION_KEY: PRODUCTION_SECRETS.DATA_ENCRYPTION_KEY as string,
      AUDIT_KEY: PRODUCTION_SECRETS.AUDIT_KEY as string,
    };
    assert.throws(() => loadConfig({ NODE_ENV: 'production', ...keys, DEMO_DATA: 'true' }), /DEMO_DATA/);
    const prod = loadConfig({ NODE_ENV: 'production', ...keys, DATA_DIR: tmp() });
    assert.equal(prod.demoData, false);
    assert.equal(prod.host, '0.0.0.0');
  });

  it('generates a development secret once, keeps it private in DATA_DIR, and reuses it', () => {
    const dir = tmp();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    assert.ok(first.sessionSecret.length >= 32);
    assert.equal(second.sessionSecret, first.sessionSecret);
    const file = path.join(dir, 'secrets.json');
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).sessionSecret, first.sessionSecret);
    assert.equal(statSync(file).mode & 0o077, 0, 'not readable by others');
  });

  it('reads DATA_ENCRYPTION_KEY as a keyring (first key current) and refuses malformed keys', () => {
    const k1 = Buffer.alloc(32, 1).toString('base64');
    const k2 = Buffer.alloc(32, 2).toString('base64');
    const config = loadConfig({ DATA_DIR: tmp(), DATA_ENCRYPTION_KEY: `new:${k2},old:${k1}` });
    assert.deepEqual(
      config.dataEncryptionKeys.map((k) => [k.id, k.key.toString('base64')]),
      [
        ['new', k2],
        ['old', k1],
      ],
    );
    for (const bad of [k1, `a:${Buffer.alloc(16).toString('base64')}`, `a:${k1},a:${k2}`, 'a:not base64!'])
      assert.throws(() => loadConfig({ DATA_DIR: tmp(), DATA_ENCRYPTION_KEY: bad }), /DATA_ENCRYPTION_KEY/);
  });

  it('generates a development data key once and keeps it beside the session secret', () => {
    const dir = tmp();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    assert.equal(first.dataEncryptionKeys[0]?.key.length, 32);
    assert.deepEqual(second.dataEncryptionKeys, first.dataEncryptionKeys);
    assert.equal(second.sessionSecret, first.sessionSecret);
  });

  it('has development defaults a newcomer can run with', () => {
    const config = loadConfig({ DATA_DIR: tmp() });
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.equal(config.demoData, true);
    assert.deepEqual(config.corsOrigins, []);
  });

  it('reads a retention period per label and a grace period; unset keeps documents for ever', () => {
    const none = loadConfig({ DATA_DIR: tmp() });
    assert.deepEqual(none.uploads.labelRetentionDays, {});
    assert.equal(none.uploads.retentionGraceDays, 14);
    const set = loadConfig({
      DATA_DIR: tmp(),
      RETENTION_DAYS_GREEN: '365',
      RETENTION_DAYS_AMBER_STRICT: '90',
      RETENTION_DAYS_RED: '30',
      RETENTION_DAYS_CLEAR: '',
      RETENTION_GRACE_DAYS: '7',
    });
    assert.deepEqual(set.uploads.labelRetentionDays, { GREEN: 365, 'AMBER+STRICT': 90, RED: 30 });
    assert.equal(set.uploads.retentionGraceDays, 7);
  });

  it('refuses to start with a retention or grace period that is not a whole number of days', () => {
    const refused = (env: Record<string, string>, message: RegExp) =>
      assert.throws(
        () => loadConfig({ DATA_DIR: tmp(), ...env }),
        (error: unknown) => error instanceof ConfigError && message.test(error.message),
      );
    refused({ RETENTION_DAYS_AMBER: 'a year' }, /RETENTION_DAYS_AMBER: a whole number of days/);
    refused({ RETENTION_DAYS_RED: '0' }, /RETENTION_DAYS_RED: a whole number of days, at least 1/);
    refused({ RETENTION_DAYS_GREEN: '-5' }, /RETENTION_DAYS_GREEN: a whole number of days, at least 1/);
    refused({ RETENTION_DAYS_AMBER_STRICT: '1.5' }, /RETENTION_DAYS_AMBER_STRICT: a whole number of days/);
    refused({ RETENTION_DAYS_CLEAR: '99999' }, /RETENTION_DAYS_CLEAR: at most 36500 days/);
    refused({ RETENTION_GRACE_DAYS: 'soon' }, /RETENTION_GRACE_DAYS: a whole number of days/);
    refused({ RETENTION_GRACE_DAYS: '0' }, /RETENTION_GRACE_DAYS: a whole number of days, at least 1/);
  });
});
