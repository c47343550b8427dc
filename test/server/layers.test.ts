/**
 * Layers only point down (docs/ARCHITECTURE.md): every server import goes to a lower layer or stays
 * in its own folder; adapters (http/, sockets/, realtime.ts) never load models (a type import of a
 * stored shape is allowed: it loads nothing); services never import http/ or sockets/; and no code
 * outside the policy (server/policy/, shared/policy/) compares roles or labels: it asks a named rule.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SERVER = path.resolve(import.meta.dirname, '../../server');

/** The layer of a server path (first match wins; lower numbers are lower layers). */
const LAYERS: [RegExp, number, string][] = [
  // Secrets generated for a development DATA_DIR: plain files, imported by config.ts alone.
  [/^developmentSecrets\.ts$/, -1, 'development secrets'],
  [/^(config|logger|errors)\.ts$|^text\//, 0, 'foundation'],
  [/^(db|files)\/|^ops\/redis\.ts$/, 1, 'db and files'],
  // Envelope encryption of stored secrets: pure crypto under the configured keyring (sealedFields.ts
  // names model fields as strings, importing none).
  [/^secrets\//, 1, 'secrets'],
  // The SCIM protocol (filters, PATCH, rendering): pure, so services and adapters may both use it.
  [/^scim\//, 1, 'SCIM protocol'],
  [/^models\//, 2, 'models'],
  [/^(audit|events)\//, 3, 'audit and events'],
  [/^policy\//, 4, 'policy'],
  [/^auth\//, 5, 'auth'],
  [/^services\//, 6, 'services'],
  [/^(http|sockets|ops|demo)\//, 7, 'adapters'],
  [/^(app|realtime)\.ts$/, 8, 'composition'],
  [/^main\.ts$|^admin\//, 9, 'entry points'],
];

function layerOf(rel: string): { rank: number; name: string } {
  const found = LAYERS.find(([pattern]) => pattern.test(rel));
  if (!found) throw new Error(`no layer for server/${rel}: add it to LAYERS`);
  return { rank: found[1], name: found[2] };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function serverImports(): Import[] {
  const found: Import[] = [];
  for (const file of files(SERVER)) {
    const from = path.relative(SERVER, file).split(path.sep).join('/');
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'/gms)) {
      const target = path.resolve(path.dirname(file), m[2]!.replace(/\.js$/, '.ts'));
      if (!target.startsWith(SERVER + path.sep)) continue;
      found.push({
        from,
        to: path.relative(SERVER, target).split(path.sep).join('/'),
        typeOnly: Boolean(m[1]),
      });
    }
  }
  return found;
}

/** Comparisons of labels or roles: the policy's to make (its named rules say what they mean). */
const COMPARISONS: [RegExp, string][] = [
  [
    /(===|!==)\s*'(CLEAR|GREEN|AMBER|AMBER\+STRICT|RED)'|'(CLEAR|GREEN|AMBER|AMBER\+STRICT|RED)'\s*(===|!==)/,
    'label compared',
  ],
  [/\b(isAbove|labelRank)\(/, 'label order compared'],
  [/\b(ACCESS_AUDITED|BODY_MAY_LEAVE|MEMBER_LABELS)\.includes\(/, 'label list searched'],
  [/roles\.(includes|some|every|indexOf)\(|\brole\s*(===|!==)|roles:\s*'/, 'role compared'],
  [
    /\b(PRIVILEGED_ROLES|LEADER_ROLES|COMMUNITY_ROLES|DERIVED_MEMBERSHIP_ROLES)\.includes\(/,
    'role list searched',
  ],
];

/** The role and label comparisons in one file's code (comments left out). */
function comparisonsIn(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((line, i) => {
    if (/^\s*(\*|\/\/|\/\*)/.test(line)) return;
    for (const [pattern, what] of COMPARISONS)
      if (pattern.test(line)) found.push(`${i + 1}: ${what}: ${line.trim()}`);
  });
  return found;
}

const folder = (rel: string) => (rel.includes('/') ? rel.split('/')[0] : rel);
const ADAPTER = /^(http|sockets)\/|^realtime\.ts$/;

describe('the server layers point only down', () => {
  const imports = serverImports();

  it('reads the imports (the check has something to check)', () => {
    assert.ok(imports.length > 500, `only ${imports.length} imports found`);
  });

  it('imports only from a lower layer or from its own folder', () => {
    const upward = imports
      .filter((i) => folder(i.from) !== folder(i.to) && layerOf(i.to).rank >= layerOf(i.from).rank)
      .map((i) => `${i.from} (${layerOf(i.from).name}) -> ${i.to} (${layerOf(i.to).name})`);
    assert.deepEqual(upward, []);
  });

  it('adapters never load models', () => {
    const loads = imports
      .filter((i) => ADAPTER.test(i.from) && i.to.startsWith('models/') && !i.typeOnly)
      .map((i) => `${i.from} -> ${i.to}`);
    assert.deepEqual(loads, []);
  });

  it('services never import http/ or sockets/', () => {
    const wrong = imports
      .filter((i) => i.from.startsWith('services/') && /^(http|sockets)\//.test(i.to))
      .map((i) => `${i.from} -> ${i.to}`);
    assert.deepEqual(wrong, []);
  });

  it('compares roles and labels only in the policy', () => {
    const outside = files(SERVER)
      .map((file) => path.relative(SERVER, file).split(path.sep).join('/'))
      .filter((rel) => !rel.startsWith('policy/'))
      .flatMap((rel) =>
        comparisonsIn(readFileSync(path.join(SERVER, rel), 'utf8')).map((hit) => `${rel}:${hit}`),
      );
    assert.deepEqual(outside, []);
  });

  it('catches a role or label comparison (the check itself works)', () => {
    assert.equal(comparisonsIn("if (item.label === 'RED') x();").length, 1);
    assert.equal(comparisonsIn("if ('CLEAR' !== label) x();").length, 1);
    assert.equal(comparisonsIn('if (isAbove(a, b)) x();').length, 1);
    assert.equal(comparisonsIn("if (person.roles.includes('admin')) x();").length, 1);
    assert.equal(comparisonsIn("await PersonModel.find({ roles: 'moderator' });").length, 1);
    assert.equal(comparisonsIn("// a comment about label === 'RED'").length, 0);
    assert.equal(comparisonsIn('if (hasNamedAudience(item.label)) x();').length, 0);
  });

  it('catches an upward import and a model load by an adapter (the check itself works)', () => {
    assert.ok(layerOf('services/rooms/sendMessage.ts').rank > layerOf('policy/contentAccess.ts').rank);
    assert.ok(layerOf('http/routes/rooms.ts').rank > layerOf('services/rooms/sendMessage.ts').rank);
    assert.ok(ADAPTER.test('sockets/roomDelivery.ts') && ADAPTER.test('realtime.ts'));
    assert.throws(() => layerOf('somewhere/new.ts'), /no layer/);
  });
});
