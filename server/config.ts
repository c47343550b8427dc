/**
 * Reads the environment, validates it against config/schema.ts and derives the settings the server
 * uses. A bad value stops the server with one message naming the setting and what it expects.
 * In development, missing secrets are generated once and kept in DATA_DIR/secrets.json.
 */
import path from 'node:path';
import { EnvSchema } from '../config/schema.js';
import { developmentSecret } from './developmentSecrets.js';
import type { Label } from '../shared/policy/labels.js';

/** Validated configuration of one server process. */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  mongodbUri: string | undefined;
  dbName: string;
  dataDir: string;
  sessionSecret: string;
  /**
   * The audit chain's key (AUDIT_KEY; in development a secret kept in DATA_DIR/secrets.json) and the
   * file outside the database where its signed heads are appended (AUDIT_ANCHOR_FILE).
   */
  audit: { key: string; anchorFile: string };
  /**
   * The keys that wrap stored secrets (DATA_ENCRYPTION_KEY: `id:base64key` entries, comma-separated; the
   * first seals, all open), so a rotation adds the new key first and keeps the old until `secrets rewrap`.
   */
  dataEncryptionKeys: { id: string; key: Buffer }[];
  redisUrl: string | undefined;
  logLevel: string;
  demoData: boolean;
  corsOrigins: string[];
  trustProxy: boolean | number | string;
  metricsToken: string | undefined;
  rateLimit: { perMinute: number; writesPerMinute: number; publicFormsPerHour: number };
  /** Room flood control: messages per person and per room in each window. */
  roomLimits: { perPerson: number; perRoom: number; windowSeconds: number };
  bodyLimit: string;
  ferretdbBin: string | undefined;
  clientDir: string;
  /** Sessions end after this much inactivity, and at the latest this long after sign-in. */
  session: { idleMinutes: number; absoluteHours: number };
  /** Tolerated clock difference with identity providers when checking SAML validity windows. */
  samlClockSkewSeconds: number;
  /** The largest age of a SAML assertion's IssueInstant and AuthnInstant (plus the skew); 0: unchecked. */
  samlMaxAuthnAgeSeconds: number;
  /** Outgoing mail (invitations, password resets); without smtpUrl links are logged instead. */
  mail: { smtpUrl: string | undefined; from: string };
  /** Failed local sign-ins one address may make per hour before it is refused for a while. */
  loginFailuresPerIpPerHour: number;
  /** Roles that must sign in with a security key or passkey (REQUIRE_WEBAUTHN_ROLES, e.g. admin,moderator). */
  requireWebAuthnRoles: string[];
  /** Notification e-mail: how often the digest job looks for people who are due. */
  notifications: { digestCheckMinutes: number };
  /** Days each content type is kept before it is deleted with a tombstone (absent: kept for ever). */
  retentionDays: Partial<Record<RetentionSetting, number>>;
  /** File uploads: size limit, resumable chunk size, how long unfinished uploads and infected files are kept, the scanner. */
  uploads: {
    maxBytes: number;
    chunkBytes: number;
    expiryHours: number;
    infectedRetentionDays: number;
    /** Clean files are scanned again after this many days, and whenever the signature database changes. */
    rescanAfterDays: number;
    /** clamd's address; undefined: files are not scanned, and every upload answer says so. */
    clamdUrl: string | undefined;
    /** clamd's StreamMaxLength: a longer file is unscannable (held for a moderator's decision). */
    clamdStreamMaxBytes: number;
    /**
     * Days a document of each label is kept after its newest version was stored (RETENTION_DAYS_<LABEL>;
     * a label absent here keeps its documents for ever).
     */
    labelRetentionDays: Partial<Record<Label, number>>;
    /** Days between "the retention period ended" (author and moderators told) and the deletion. */
    retentionGraceDays: number;
  };
}

/** The content types' retention settings: RETENTION_DAYS_POSTS, _MESSAGES, _DOCUMENTS, _REQUESTS, _LIBRARY. */
export type RetentionSetting = 'POSTS' | 'MESSAGES' | 'DOCUMENTS' | 'REQUESTS' | 'LIBRARY';

/** Raised when the environment does not validate; its message names every bad setting. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses DATA_ENCRYPTION_KEY (already checked by the schema): `id:base64` entries, the first current. */
function parseDataKeys(value: string): { id: string; key: Buffer }[] {
  return value.split(',').map((entry) => {
    const [id, key] = entry.trim().split(':') as [string, string];
    return { id, key: Buffer.from(key, 'base64') };
  });
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** Builds the configuration from an environment (process.env by default). Throws {@link ConfigError}. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // An empty value means "not set" (compose files and env templates write `NAME=` for optional settings).
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.SESSION_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  SESSION_SECRET: required in production (at least 32 random characters)',
    );
  }
  if (production && !e.DATA_ENCRYPTION_KEY) {
    throw new ConfigError(
      'Invalid configuration:\n  DATA_ENCRYPTION_KEY: required in production (id:key, the key 32 random bytes in base64)',
    );
  }
  if (production && !e.AUDIT_KEY) {
    throw new ConfigError(
      'Invalid configuration:\n  AUDIT_KEY: required in production (at least 32 random characters)',
    );
  }
  if (production && e.DEMO_DATA) {
    throw new ConfigError(
      'Invalid configuration:\n  DEMO_DATA: demo data is never loaded in production; unset it',
    );
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const host = e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    mongodbUri: e.MONGODB_URI,
    dbName: e.DB_NAME,
    dataDir,
    sessionSecret: e.SESSION_SECRET ?? (production ? '' : developmentSecret(dataDir)),
    audit: {
      key: e.AUDIT_KEY ?? (production ? '' : developmentSecret(dataDir, 'auditKey')),
      anchorFile: path.resolve(e.AUDIT_ANCHOR_FILE ?? path.join(dataDir, 'audit-anchors.log')),
    },
    dataEncryptionKeys: parseDataKeys(
      e.DATA_ENCRYPTION_KEY ??
        `dev:${Buffer.from(developmentSecret(dataDir, 'dataEncryptionKey', 32), 'base64url').toString('base64')}`,
    ),
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    demoData: !production && (e.DEMO_DATA ?? e.NODE_ENV === 'development'),
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    metricsToken: e.METRICS_TOKEN,
    rateLimit: {
      perMinute: e.RATE_LIMIT_PER_MINUTE,
      writesPerMinute: e.RATE_LIMIT_WRITES_PER_MINUTE,
      publicFormsPerHour: e.RATE_LIMIT_PUBLIC_FORMS_PER_HOUR,
    },
    roomLimits: {
      perPerson: e.ROOM_MESSAGES_PER_PERSON_PER_10S,
      perRoom: e.ROOM_MESSAGES_PER_ROOM_PER_10S,
      windowSeconds: 10,
    },
    bodyLimit: e.BODY_LIMIT,
    ferretdbBin: e.FERRETDB_BIN,
    clientDir: path.resolve(e.CLIENT_DIR ?? 'client/dist'),
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    samlClockSkewSeconds: e.SAML_CLOCK_SKEW_SECONDS,
    samlMaxAuthnAgeSeconds: e.SAML_MAX_AUTHN_AGE_SECONDS,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    loginFailuresPerIpPerHour: e.LOGIN_FAILURES_PER_IP_PER_HOUR,
    requireWebAuthnRoles: e.REQUIRE_WEBAUTHN_ROLES.split(',').filter(Boolean),
    notifications: { digestCheckMinutes: e.DIGEST_CHECK_MINUTES },
    retentionDays: {
      ...(e.RETENTION_DAYS_POSTS ? { POSTS: e.RETENTION_DAYS_POSTS } : {}),
      ...(e.RETENTION_DAYS_MESSAGES ? { MESSAGES: e.RETENTION_DAYS_MESSAGES } : {}),
      ...(e.RETENTION_DAYS_DOCUMENTS ? { DOCUMENTS: e.RETENTION_DAYS_DOCUMENTS } : {}),
      ...(e.RETENTION_DAYS_REQUESTS ? { REQUESTS: e.RETENTION_DAYS_REQUESTS } : {}),
      ...(e.RETENTION_DAYS_LIBRARY ? { LIBRARY: e.RETENTION_DAYS_LIBRARY } : {}),
    },
    uploads: {
      maxBytes: e.UPLOAD_MAX_BYTES,
      chunkBytes: e.UPLOAD_CHUNK_BYTES,
      expiryHours: e.UPLOAD_EXPIRY_HOURS,
      infectedRetentionDays: e.INFECTED_RETENTION_DAYS,
      rescanAfterDays: e.RESCAN_AFTER_DAYS,
      clamdUrl: e.CLAMD_URL,
      clamdStreamMaxBytes: e.CLAMD_STREAM_MAX_BYTES,
      labelRetentionDays: Object.fromEntries(
        (
          [
            ['CLEAR', e.RETENTION_DAYS_CLEAR],
            ['GREEN', e.RETENTION_DAYS_GREEN],
            ['AMBER', e.RETENTION_DAYS_AMBER],
            ['AMBER+STRICT', e.RETENTION_DAYS_AMBER_STRICT],
            ['RED', e.RETENTION_DAYS_RED],
          ] as const
        ).filter(([, days]) => days !== undefined),
      ) as Partial<Record<Label, number>>,
      retentionGraceDays: e.RETENTION_GRACE_DAYS,
    },
  };
}
