import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { NoDatabaseError, obtainDatabase } from '../../../server/db/launcher.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'concordia-launcher-'));
const quiet = () => undefined;

async function withConnection<T>(uri: string, work: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await mongoose
    .createConnection(uri, { dbName: 'persist', serverSelectionTimeoutMS: 5000 })
    .asPromise();
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

describe('database launcher', function () {
  this.timeout(120_000);

  it('uses MONGODB_URI as given, starting nothing', async () => {
    const db = await obtainDatabase({
      mongodbUri: 'mongodb://db.example:27017/',
      dataDir: tmp(),
      ferretdbBin: undefined,
      progress: quiet,
    });
    assert.equal(db.source, 'MONGODB_URI');
    assert.equal(db.uri, 'mongodb://db.example:27017/');
  });

  it('starts an embedded database whose data survives a restart', async () => {
    const dataDir = tmp();
    const first = await obtainDatabase({
      mongodbUri: undefined,
      dataDir,
      ferretdbBin: undefined,
      progress: quiet,
    });
    assert.match(first.uri, /^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    assert.ok(existsSync(path.join(dataDir, 'embedded-db.json')));
    await withConnection(first.uri, (c) => c.collection('things').insertOne({ name: 'kept' }));
    await first.stop();
    assert.ok(!existsSync(path.join(dataDir, 'embedded-db.json')));

    const second = await obtainDatabase({
      mongodbUri: undefined,
      dataDir,
      ferretdbBin: undefined,
      progress: quiet,
    });
    const found = await withConnection(second.uri, (c) => c.collection('things').findOne({ name: 'kept' }));
    await second.stop();
    assert.equal(found?.name, 'kept');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server on the same data folder, but lets the admin tool share it', async () => {
    const dataDir = tmp();
    const running = await obtainDatabase({
      mongodbUri: undefined,
      dataDir,
      ferretdbBin: undefined,
      progress: quiet,
    });
    try {
      await assert.rejects(
        obtainDatabase({ mongodbUri: undefined, dataDir, ferretdbBin: undefined, progress: quiet }),
        NoDatabaseError,
      );
      const shared = await obtainDatabase({
        mongodbUri: undefined,
        dataDir,
        ferretdbBin: undefined,
        progress: quiet,
        reuseRunning: true,
      });
      assert.equal(shared.uri, running.uri);
      await shared.stop();
      assert.ok(existsSync(path.join(dataDir, 'embedded-db.json')), 'sharing does not stop the owner');
    } finally {
      await running.stop();
    }
  });

  it('reports a database child that dies on its own', async () => {
    const dataDir = tmp();
    const db = await obtainDatabase({
      mongodbUri: undefined,
      dataDir,
      ferretdbBin: undefined,
      progress: quiet,
    });
    const reported = new Promise<string>((resolve) => db.onUnexpectedExit(resolve));
    const { uri } = JSON.parse(readFileSync(path.join(dataDir, 'embedded-db.json'), 'utf8')) as {
      uri: string;
    };
    assert.equal(uri, db.uri);
    // Kill the child the way a crash would: find it by its port and send SIGKILL.
    const port = new URL(db.uri).port;
    const { execFileSync } = await import('node:child_process');
    const pids = execFileSync('pgrep', ['-f', `listen-addr=127.0.0.1:${port}`])
      .toString()
      .trim()
      .split('\n');
    for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
    assert.match(await reported, /exited unexpectedly \(code none, signal SIGKILL\)/);
    await db.stop();
  });

  it('says what to install or set when no database can be had', async () => {
    const emptyPath = tmp();
    const saved = process.env.PATH;
    process.env.PATH = emptyPath;
    try {
      await assert.rejects(
        obtainDatabase({
          mongodbUri: undefined,
          dataDir: tmp(),
          ferretdbBin: undefined,
          progress: quiet,
          cacheDir: tmp(),
        }),
        (error: unknown) => {
          assert.ok(error instanceof NoDatabaseError);
          assert.match(error.message, /Set MONGODB_URI/);
          assert.match(error.message, /install Go/);
          return true;
        },
      );
      await assert.rejects(
        obtainDatabase({
          mongodbUri: undefined,
          dataDir: tmp(),
          ferretdbBin: '/nonexistent/ferretdb',
          progress: quiet,
        }),
        /FERRETDB_BIN points to \/nonexistent\/ferretdb/,
      );
    } finally {
      process.env.PATH = saved;
    }
  });
});
