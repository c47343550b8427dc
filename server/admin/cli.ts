/**
 * The operators' command line: `npm run admin -- <resource> <verb> [options] [--json]`.
 * It uses the running server's embedded database when there is one, else starts its own, and goes
 * through the same services and schemas as the API, as the operator (recorded in the audit log).
 */
import mongoose from 'mongoose';
import { ConfigError, loadConfig } from '../config.js';
import { connectDatabase } from '../db/connect.js';
import { obtainDatabase, type ObtainedDatabase } from '../db/launcher.js';
import '../models/index.js';
import { AppError } from '../errors.js';
import { configureDataKeys } from '../secrets/sealedSecrets.js';
import { configureAuditKey } from '../audit/auditKey.js';
import type { Command, Output } from './commandKit.js';
import { applicationCommands } from './commands/applications.js';
import { auditCommands } from './commands/audit.js';
import { cityCommands } from './commands/cities.js';
import { hubCommands } from './commands/hubs.js';
import { personCommands } from './commands/people.js';
import { tokenCommands } from './commands/tokens.js';
import { identityProviderCommands } from './commands/identityProviders.js';
import { accountCommands } from './commands/accounts.js';
import { roomCommands } from './commands/rooms.js';
import { searchCommands } from './commands/search.js';
import { secretCommands } from './commands/secrets.js';

const COMMANDS: Command[] = [
  ...hubCommands,
  ...cityCommands,
  ...personCommands,
  ...tokenCommands,
  ...identityProviderCommands,
  ...accountCommands,
  ...applicationCommands,
  ...auditCommands,
  ...searchCommands,
  ...roomCommands,
  ...secretCommands,
];

function help(): string {
  return [
    'Usage: npm run admin -- <command> [options] [--json]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.usage}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const args = argv.filter((a) => a !== '--json');
  const command = COMMANDS.find((c) => c.name === args.slice(0, 2).join(' '));
  if (!command) {
    const asked = args.length === 0 || args[0] === 'help' || args[0] === '--help';
    (asked ? console.log : console.error)(
      asked ? help() : `Unknown command "${args.slice(0, 2).join(' ')}".\n\n${help()}`,
    );
    return asked ? 0 : 2;
  }
  const out: Output = {
    json,
    print: (value, human) => console.log(json ? JSON.stringify(value, null, 2) : human()),
  };

  let database: ObtainedDatabase | undefined;
  try {
    const config = loadConfig();
    configureDataKeys(config.dataEncryptionKeys);
    configureAuditKey(config.audit.key);
    database = await obtainDatabase({
      mongodbUri: config.mongodbUri,
      dataDir: config.dataDir,
      ferretdbBin: config.ferretdbBin,
      progress: (line) => console.error(line),
      reuseRunning: true,
    });
    await connectDatabase(database.uri, config.dbName);
    await command.run(args.slice(2), out);
    return 0;
  } catch (error) {
    if (error instanceof AppError || error instanceof ConfigError) console.error(`Error: ${error.message}`);
    else if (
      error instanceof Error &&
      error.name === 'TypeError' &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`Error: ${error.message}\nUsage: npm run admin -- ${command.usage}`);
    } else console.error(`Error: ${(error as Error).message}`);
    return 1;
  } finally {
    await mongoose.disconnect().catch(() => undefined);
    await database?.stop();
  }
}

process.exitCode = await main(process.argv.slice(2));
