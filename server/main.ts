/**
 * Starts a Concordia server: configuration -> database -> HTTP -> graceful shutdown.
 * On SIGTERM/SIGINT it stops accepting, lets in-flight requests finish, closes connections and the
 * database, and exits 0 within 10 s.
 */
import http from 'node:http';
import mongoose from 'mongoose';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { connectDatabase } from './db/connect.js';
import { NoDatabaseError, obtainDatabase, type ObtainedDatabase } from './db/launcher.js';
import { createLogger } from './logger.js';
import { afterWritesSettled, setAfterWriteLogger } from './events/afterWrite.js';
import './models/index.js';
import { seedDemoData } from './demo/seedDemoData.js';
import { setAuditAnchor } from './audit/recordAudit.js';
import { createSessionMiddleware } from './auth/sessions.js';
import { startSweeper } from './auth/sweeper.js';
import { createRealtime } from './realtime.js';
import { startupSummary } from './ops/startupSummary.js';
import { createRedisClient } from './ops/redis.js';
import { registerDemoIdp } from './auth/devIdp/registerDemoIdp.js';
import { createMailer } from './auth/mailer.js';
import { sealClearTotpSecrets } from './auth/local/totpSecrets.js';
import { startNotificationMail } from './services/notifications/notificationMail.js';
import { startRetentionJob } from './ops/retentionJob.js';
import { startFileHousekeepingJob } from './ops/fileHousekeepingJob.js';
import { startOfferExpiryJob } from './ops/offerExpiryJob.js';
import { startAuditOutboxJob } from './ops/auditOutboxJob.js';
import { startAuditAnchorJob } from './ops/auditAnchorJob.js';
import { auditKeys } from './audit/auditKey.js';
import { startDocumentFileRemoval } from './services/documents/fileHousekeeping.js';
import { CONTENT_KINDS } from './services/contentKinds.js';
import type { ContentKind } from './services/content/contentKind.js';
import { startRoomNotifications } from './services/notifications/roomNotifications.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

const config = configOrExit();
// Readable lines in a terminal during development; JSON lines for log collectors in production.
const logger = createLogger(config.logLevel, { format: config.env === 'production' ? 'json' : 'pretty' });
setAfterWriteLogger(logger);

let database: ObtainedDatabase;
try {
  database = await obtainDatabase({
    mongodbUri: config.mongodbUri,
    dataDir: config.dataDir,
    ferretdbBin: config.ferretdbBin,
    progress: (line) => logger.info(line),
  });
} catch (error) {
  console.error(
    error instanceof NoDatabaseError
      ? error.message
      : `Could not start the database: ${(error as Error).message}`,
  );
  process.exit(1);
}
logger.debug({ source: database.source }, 'database available');
// Each new audit head goes to the log, outside the database, so `audit verify --expect-head` can
// later prove that nothing was cut from the end of the chain. In production that log is the anchor
// (info, kept by the default level); in development it is noise on the terminal (debug).
const auditHeadLevel = config.env === 'production' ? 'info' : 'debug';
setAuditAnchor((head) => logger[auditHeadLevel]({ auditHead: `${head.seq}:${head.hash}` }, 'audit appended'));
await connectDatabase(database.uri, config.dbName);
const demoDataLoaded = config.demoData && (await seedDemoData());
if (demoDataLoaded) logger.debug('demo data loaded into the empty database');
const demoSignIn = await registerDemoIdp(config);
if (demoSignIn) logger.debug(`development identity provider ready: ${config.publicUrl}/auth/saml/demo/login`);

// With REDIS_URL, rate-limit counters are shared by every node (the limiter falls back to memory if Redis
// is unreachable, so limits never switch off); the client reconnects with back-off and logs once per outage.
const redis = config.redisUrl
  ? createRedisClient(config.redisUrl, 'rate limits', logger, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    })
  : undefined;

const readiness = { shuttingDown: false };
const sessionMiddleware = createSessionMiddleware(config);
const app = createApp({ config, logger, readiness, redis, sessionMiddleware });
// TOTP secrets stored in clear by an older version are sealed once the data keys are configured.
const sealedTotp = await sealClearTotpSecrets();
if (sealedTotp > 0) logger.info({ sealedTotp }, 'TOTP secrets stored in clear were sealed');
const server = http.createServer(app);
const realtime = createRealtime(server, { config, logger, sessionMiddleware, ...(redis ? { redis } : {}) });
const sweeper = startSweeper(logger);
const notificationMail = startNotificationMail({ config, logger, mailer: createMailer(config, logger) });
const stopRoomNotifications = startRoomNotifications();
const retention = startRetentionJob({
  config,
  logger,
  kinds: Object.values(CONTENT_KINDS) as ContentKind[],
});
const fileHousekeeping = startFileHousekeepingJob({ config, logger });
const offerExpiry = startOfferExpiryJob({ logger });
// Pending audit entries and interrupted approvals are finished; the chain head is anchored outside the database.
const auditOutbox = startAuditOutboxJob({ logger });
const auditAnchor = startAuditAnchorJob({ logger, keys: auditKeys(), file: config.audit.anchorFile });
const stopDocumentFileRemoval = startDocumentFileRemoval();
server.headersTimeout = 20_000;
// Long enough for one resumable chunk (UPLOAD_CHUNK_BYTES) over a slow mobile link.
server.requestTimeout = 300_000;

let stopping = false;
async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  readiness.shuttingDown = true;
  logger.info({ reason }, 'shutting down');
  const force = setTimeout(() => server.closeAllConnections(), 8_000);
  force.unref();
  const hardExit = setTimeout(() => process.exit(exitCode || 1), 9_500);
  hardExit.unref();
  sweeper.stop();
  const mailStopped = notificationMail.stop();
  const retentionStopped = retention.stop();
  const housekeepingStopped = fileHousekeeping.stop();
  const offerExpiryStopped = offerExpiry.stop();
  stopDocumentFileRemoval();
  stopRoomNotifications();
  realtime.close();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  await mailStopped.catch(() => undefined);
  await retentionStopped.catch(() => undefined);
  await housekeepingStopped.catch(() => undefined);
  await offerExpiryStopped.catch(() => undefined);
  // Follow-ups of writes already answered (large notification fan-outs) finish first, within reason.
  await Promise.race([afterWritesSettled(), new Promise((r) => setTimeout(r, 5_000).unref())]);
  // The last audit entries, then the head they end on, outside the database.
  await auditOutbox.stop().catch(() => undefined);
  await auditAnchor.stop().catch(() => undefined);
  await mongoose.disconnect().catch(() => undefined);
  redis?.disconnect();
  await database.stop();
  logger.info('stopped');
  process.exit(exitCode);
}

database.onUnexpectedExit((description) => {
  logger.fatal({ description }, 'the embedded database stopped; shutting down');
  void shutdown('database exited', 1);
});
process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
process.on('SIGINT', () => void shutdown('SIGINT', 0));

// A port already taken is a clear message and a clean stop (the embedded database with it), not a crash.
server.once('error', (error: NodeJS.ErrnoException) => {
  const reason =
    error.code === 'EADDRINUSE'
      ? `${config.host}:${config.port} is already in use; set PORT to another port`
      : error.message;
  logger.fatal({ code: error.code }, `cannot listen: ${reason}`);
  void shutdown('listen failed', 1);
});
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const summary = startupSummary({
    publicUrl: config.publicUrl,
    listening: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    databaseSource: database.source,
    databaseUri: database.uri,
    dbName: config.dbName,
    dataDir: config.dataDir,
    demoDataLoaded,
    demoSignIn,
    logLevel: config.logLevel,
  });
  if (config.env === 'production') logger.info(summary.fields, summary.message);
  else if (logger.isLevelEnabled('info')) process.stdout.write(summary.text);
});
