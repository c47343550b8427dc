/**
 * The configuration schema: every setting the server reads from the environment, with its default
 * and what it expects. `server/config.ts` validates the environment against it at start-up.
 */
import { z } from 'zod';
import { ROLES } from '../shared/roles.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], 'true or false')
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (what: string) => z.url(`${what}, such as http://localhost:3000`);

/** A label's retention period: a whole number of days from 1 to 100 years. */
const retentionDays = z.coerce
  .number('a whole number of days')
  .int('a whole number of days')
  .min(1, 'a whole number of days, at least 1')
  .max(36500, 'at most 36500 days');

/** The environment variables the server reads. Documented in README.md. */
export const EnvSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], 'development, production or test')
    .default('development'),
  PORT: z.coerce.number('a port number').int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  PUBLIC_URL: url('the public address of the server').optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// or mongodb+srv:// connection string')
    .optional(),
  DB_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,38}$/, 'letters, digits, _ and -')
    .default('concordia'),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(32, 'at least 32 characters of random text').optional(),
  AUDIT_KEY: z.string().min(32, 'at least 32 characters of random text').optional(),
  AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  DATA_ENCRYPTION_KEY: z
    .string()
    .refine(
      (value) =>
        value.split(',').every((entry) => {
          const match = /^([a-z0-9_-]{1,32}):([A-Za-z0-9+/]{43}=)$/i.exec(entry.trim());
          return match !== null && Buffer.from(match[2] as string, 'base64').length === 32;
        }) &&
        new Set(value.split(',').map((entry) => entry.trim().split(':')[0])).size === value.split(',').length,
      'id:key entries, comma-separated, each key 32 random bytes in base64 (openssl rand -base64 32), ids distinct',
    )
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_DATA: bool.optional(),
  CORS_ORIGINS: z.string().default(''),
  TRUST_PROXY: z.string().default('false'),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number('a whole number').int().min(1).default(600),
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number('a whole number').int().min(1).default(60),
  RATE_LIMIT_PUBLIC_FORMS_PER_HOUR: z.coerce.number('a whole number').int().min(1).default(10),
  ROOM_MESSAGES_PER_PERSON_PER_10S: z.coerce.number('a whole number').int().min(1).default(20),
  ROOM_MESSAGES_PER_ROOM_PER_10S: z.coerce.number('a whole number').int().min(1).default(300),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/, 'a size such as 100kb')
    .default('100kb'),
  FERRETDB_BIN: z.string().min(1).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number('a whole number').int().min(1).max(1440).default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number('a whole number').int().min(1).max(168).default(12),
  SAML_CLOCK_SKEW_SECONDS: z.coerce.number('a whole number').int().min(0).max(600).default(60),
  SAML_MAX_AUTHN_AGE_SECONDS: z.coerce.number('a whole number').int().min(0).max(86_400).default(300),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL')
    .optional(),
  LOGIN_FAILURES_PER_IP_PER_HOUR: z.coerce.number('a whole number').int().min(1).default(30),
  REQUIRE_WEBAUTHN_ROLES: z
    .string()
    .regex(/^[a-z_]*(,[a-z_]+)*$/, 'role names separated by commas, such as admin,moderator')
    .refine((v) => v.split(',').every((role) => !role || (ROLES as readonly string[]).includes(role)), {
      message: `roles among ${ROLES.join(', ')}`,
    })
    .default(''),
  MAIL_FROM: z.string().min(3).default('Concordia <no-reply@concordia.invalid>'),
  CLIENT_DIR: z.string().min(1).optional(),
  DIGEST_CHECK_MINUTES: z.coerce.number('a whole number').int().min(1).max(1440).default(15),
  RETENTION_DAYS_POSTS: z.coerce.number('a whole number of days').int().min(1).max(36500).optional(),
  RETENTION_DAYS_MESSAGES: z.coerce.number('a whole number of days').int().min(1).max(36500).optional(),
  RETENTION_DAYS_DOCUMENTS: z.coerce.number('a whole number of days').int().min(1).max(36500).optional(),
  RETENTION_DAYS_REQUESTS: z.coerce.number('a whole number of days').int().min(1).max(36500).optional(),
  RETENTION_DAYS_LIBRARY: z.coerce.number('a whole number of days').int().min(1).max(36500).optional(),
  /** Days a document of each label is kept after its newest version was stored (unset: kept for ever). */
  RETENTION_DAYS_CLEAR: retentionDays.optional(),
  RETENTION_DAYS_GREEN: retentionDays.optional(),
  RETENTION_DAYS_AMBER: retentionDays.optional(),
  RETENTION_DAYS_AMBER_STRICT: retentionDays.optional(),
  RETENTION_DAYS_RED: retentionDays.optional(),
  /** Days between "its label's retention period ended" (author and moderators told) and the deletion. */
  RETENTION_GRACE_DAYS: z.coerce
    .number('a whole number of days')
    .int('a whole number of days')
    .min(1, 'a whole number of days, at least 1')
    .max(3650, 'at most 3650 days')
    .default(14),
  /** The largest file one upload may carry, in bytes (default 100 MiB). */
  UPLOAD_MAX_BYTES: z.coerce
    .number('a whole number of bytes')
    .int()
    .min(1)
    .max(16 * 1024 ** 3)
    .default(100 * 1024 ** 2),
  /** The chunk size the client sends resumable uploads in (default 2 MiB). */
  UPLOAD_CHUNK_BYTES: z.coerce
    .number('a whole number of bytes')
    .int()
    .min(64 * 1024)
    .max(64 * 1024 ** 2)
    .default(2 * 1024 ** 2),
  /** Hours an unfinished resumable upload is kept before it is removed (default 24). */
  UPLOAD_EXPIRY_HOURS: z.coerce.number('a whole number of hours').int().min(1).max(720).default(24),
  /** Days an infected file is kept in the isolated store for moderators (default 30). */
  INFECTED_RETENTION_DAYS: z.coerce.number('a whole number of days').int().min(1).max(3650).default(30),
  RESCAN_AFTER_DAYS: z.coerce.number('a whole number of days').int().min(1).max(3650).default(30),
  /** clamd's StreamMaxLength in bytes (default 25 MiB, clamd's own default): longer files are unscannable. */
  CLAMD_STREAM_MAX_BYTES: z.coerce
    .number('a whole number of bytes')
    .int()
    .min(1024)
    .default(25 * 1024 ** 2),
  /** clamd for virus scanning: tcp://host:port or unix:///path/clamd.ctl. Unset: files are not scanned. */
  CLAMD_URL: z
    .string()
    .regex(/^(tcp:\/\/[^\s/]+:\d+|unix:\/\/\/\S+|\/\S+)$/, 'tcp://host:port or unix:///path/to/clamd.ctl')
    .optional(),
});

/** The raw environment after validation. */
export type Env = z.infer<typeof EnvSchema>;
