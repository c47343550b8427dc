/**
 * What `npm start` tells a person once the server listens: the address, how to sign in with the demo
 * data, where the data lives and how to see more. As text for a terminal, and as fields for the one
 * JSON line production writes instead. Never a credential: a MONGODB_URI is shown without its
 * user, password and options.
 */

/** What the server knows once it listens. */
export interface StartupFacts {
  /** The address people use (PUBLIC_URL). */
  publicUrl: string;
  /** The address it listens on, e.g. `http://localhost:3000`. */
  listening: string;
  /** Where the database came from: `FerretDB`, `mongod` or `MONGODB_URI` (db/launcher.ts). */
  databaseSource: string;
  /** The database's connection string (credentials are dropped before it is shown). */
  databaseUri: string;
  /** The database name. */
  dbName: string;
  /** DATA_DIR. */
  dataDir: string;
  /** Whether the demo data was loaded into the empty database by this start. */
  demoDataLoaded: boolean;
  /** Whether the development identity provider (a provider per demo city, `demo` for Nairobi) is ready. */
  demoSignIn: boolean;
  /** LOG_LEVEL. */
  logLevel: string;
}

/** The summary as a terminal block (`text`) and as one log entry (`message` and `fields`). */
export interface StartupSummary {
  message: string;
  fields: { url: string; listening: string; data: string; signIn?: string };
  text: string;
}

/** A MongoDB connection string without credentials or options: `mongodb://host:port/name`. */
export function displayDatabaseUri(uri: string, dbName: string): string {
  const [scheme, rest = ''] = uri.split('://', 2);
  const hosts = rest.replace(/^[^@/]*@/, '').split(/[/?]/, 1)[0];
  return `${scheme}://${hosts}/${dbName}`;
}

function whereDataLives(facts: StartupFacts): string {
  const demo = facts.demoDataLoaded ? ', demo data loaded' : '';
  if (facts.databaseSource === 'FerretDB') return `${facts.dataDir} (embedded FerretDB on SQLite${demo})`;
  if (facts.databaseSource === 'mongod') return `${facts.dataDir} (embedded mongod${demo})`;
  return `${displayDatabaseUri(facts.databaseUri, facts.dbName)}${demo ? ` (${demo.slice(2)})` : ''}`;
}

/** Builds the startup summary from what the server knows (see the file comment). */
export function startupSummary(facts: StartupFacts): StartupSummary {
  const message = `Concordia is listening on ${facts.listening}`;
  const data = whereDataLives(facts);
  const signIn = facts.demoSignIn
    ? `${facts.publicUrl}/sign-in, pick any demo person in any role (development only)`
    : undefined;
  const rows: [string, string][] = [
    ['Open', facts.publicUrl],
    ...(signIn ? [['Sign in', signIn] as [string, string]] : []),
    ['Data', data],
    [
      'Logs',
      facts.logLevel === 'debug' || facts.logLevel === 'trace'
        ? `LOG_LEVEL=${facts.logLevel}: every request and audit head`
        : `LOG_LEVEL=${facts.logLevel}; LOG_LEVEL=debug shows every request and audit head`,
    ],
    ['Stop', 'Ctrl-C'],
  ];
  const text = [message, ...rows.map(([label, value]) => `  ${label.padEnd(9)}${value}`)].join('\n');
  return {
    message,
    fields: { url: facts.publicUrl, listening: facts.listening, data, ...(signIn ? { signIn } : {}) },
    text: `${text}\n`,
  };
}
