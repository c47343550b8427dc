/**
 * `npm run bench:search`: the search road (server/services/search/findMatches.ts: query terms, the
 * readable filter in the query, 200 candidates, ranking in memory, cursor) against a bare baseline
 * running only the token lookup (`tokens: $in`, newest first, limit) on the same data, in the same
 * process and run, on the embedded database. Also token indexing (indexTokens) against the plain
 * folding normaliser it replaced. Prints one JSON line per measurement.
 */
import { Types } from 'mongoose';
import { ANONYMOUS } from '../shared/policy/actor.js';
import { bareContext } from '../shared/policy/sharingContext.js';
import { indexTokens, queryTerms } from '../shared/search/tokens.js';
import { PostModel } from '../server/models/Post.js';
import '../server/models/index.js';
import { findMatches } from '../server/services/search/findMatches.js';
import { withBenchDatabase } from './benchDatabase.js';

const POSTS = Number(process.env.BENCH_POSTS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

const TEXTS: [string, string][] = [
  ['Les discriminations au logement', 'Les habitants mobilisés du quartier demandent un logement digne.'],
  ['Housing discrimination report', 'Tenants organised against discrimination in the housing market.'],
  ['Discriminación en la vivienda', 'Los vecinos movilizados de la ciudad piden viviendas dignas.'],
  ['افتتاح المكتبات العامة', 'مكتبة في كل حي للشباب والوقاية من التطرف العنيف'],
];

/** The old normaliser: fold and split only (the bare baseline of indexing). */
function plainTokens(...texts: string[]): string[] {
  const out = new Set<string>();
  for (const t of texts)
    for (const w of t
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u))
      if (w.length >= 2) out.add(w);
  return [...out];
}

async function measure(run: () => Promise<unknown> | unknown): Promise<{ perSecond: number; p99Ms: number }> {
  const times: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const total = times.reduce((a, b) => a + b, 0);
  return { perSecond: (times.length * 1000) / total, p99Ms: times[Math.floor(times.length * 0.99)] ?? 0 };
}

function line(
  bench: string,
  ours: { perSecond: number; p99Ms: number },
  bare: { perSecond: number; p99Ms: number },
) {
  console.log(
    JSON.stringify({
      bench,
      posts: POSTS,
      ours_per_s: Math.round(ours.perSecond),
      bare_per_s: Math.round(bare.perSecond),
      ratio: Number((ours.perSecond / bare.perSecond).toFixed(3)),
      ours_p99_ms: Number(ours.p99Ms.toFixed(2)),
      bare_p99_ms: Number(bare.p99Ms.toFixed(2)),
    }),
  );
}

await withBenchDatabase(async () => {
  await PostModel.init();
  const spaceId = new Types.ObjectId();
  await PostModel.insertMany(
    Array.from({ length: POSTS }, (_, i) => {
      const [title, body] = TEXTS[i % TEXTS.length] ?? ['', ''];
      const text = `${body} n${i}`;
      // Published CLEAR: the signed-out visitor's readable filter admits them all, so both sides
      // return the same items and only the extra work differs.
      return {
        spaceId,
        label: 'CLEAR',
        published: true,
        authorId: new Types.ObjectId(),
        state: 'visible',
        title,
        body: text,
        ...indexTokens([title, text]),
        createdAt: new Date(Date.now() - i * 1000),
      };
    }),
  );
  const ctx = bareContext(ANONYMOUS);
  for (const q of ['discrimination logement', 'كتب', 'housing']) {
    const keys = [...new Set(queryTerms(q).flatMap((t) => [...t.strong, ...t.weak]))];
    const ours = () => findMatches(ctx, { q, limit: 20 });
    const bare = () =>
      PostModel.find({ tokens: { $in: keys } }, { title: 1, body: 1, tokens: 1, createdAt: 1 })
        .sort({ createdAt: -1, _id: -1 })
        .limit(200)
        .lean();
    await measure(bare);
    await measure(ours);
    line(`search_${q.replace(/\s+/g, '_')}`, await measure(ours), await measure(bare));
  }
  const sample = TEXTS.flat();
  line('index_tokens', await measure(() => indexTokens(sample)), await measure(() => plainTokens(...sample)));
});
