/**
 * Child process of developmentSecrets.test.ts: waits until the shared start time, so that all the
 * children ask at once, then prints the development secrets it was given for the DATA_DIR it is
 * handed.
 */
import { developmentSecret } from '../../../server/developmentSecrets.js';

const [dataDir = '', startAt = '0'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: developmentSecretEntry.ts DATA_DIR START_AT_MS');
while (Date.now() < Number(startAt)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
const names = ['sessionSecret', 'auditKey', 'dataEncryptionKey'];
process.stdout.write(JSON.stringify(names.map((name) => developmentSecret(dataDir, name))));
