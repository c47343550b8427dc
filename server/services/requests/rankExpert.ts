/**
 * How well one expert fits one request, as points with the reasons in data (a stable code and the
 * shared terms it names) for the interface to put in words: shared topics weigh most, then a language
 * spoken well, the region (the requesting city's hub) and country of experience, the formats wanted,
 * availability, the load carried now, and verification by the Management Unit. The hard filters
 * (shared/policy/requests.ts, matchExclusion) have already left out whoever may not be matched.
 */
import type { Availability, ExpertFormat, ExpertTopic, Proficiency } from '../../../shared/expertPool.js';

/** One reason, as the API's MatchReason. */
export interface RankReason {
  code: 'topic' | 'language' | 'region' | 'country' | 'format' | 'availability' | 'load' | 'verified';
  values: string[];
  points: number;
}

/** What ranking reads of an expert. */
export interface RankedExpert {
  topics: readonly ExpertTopic[];
  languages: readonly { code: string; proficiency: Proficiency }[];
  regions: readonly string[];
  countries: readonly string[];
  formats: readonly ExpertFormat[];
  availability: Availability;
  maxConcurrent: number;
  activeRequests: number;
  verified: boolean;
}

/** What ranking reads of a request. */
export interface RankedRequest {
  topics: readonly ExpertTopic[];
  languages: readonly string[];
  formats: readonly ExpertFormat[];
  /** The requesting city's hub slug and country code. */
  region: string | null;
  country: string | null;
}

const LANGUAGE_POINTS: Record<Proficiency, number> = { native: 20, fluent: 20, working: 12, basic: 0 };

/** The expert's score and its reasons (only those that count, best first). */
export function rankExpert(
  expert: RankedExpert,
  request: RankedRequest,
): { score: number; reasons: RankReason[] } {
  const reasons: RankReason[] = [];
  const topics = request.topics.filter((t) => expert.topics.includes(t));
  if (topics.length) reasons.push({ code: 'topic', values: topics, points: 30 * topics.length });
  const spoken = request.languages
    .map((code) => expert.languages.find((l) => l.code === code))
    .filter(
      (l): l is { code: string; proficiency: Proficiency } => !!l && LANGUAGE_POINTS[l.proficiency] > 0,
    );
  if (spoken.length) {
    const best = Math.max(...spoken.map((l) => LANGUAGE_POINTS[l.proficiency]));
    reasons.push({ code: 'language', values: spoken.map((l) => `${l.code}:${l.proficiency}`), points: best });
  }
  if (request.region && expert.regions.includes(request.region))
    reasons.push({ code: 'region', values: [request.region], points: 15 });
  if (request.country && expert.countries.includes(request.country))
    reasons.push({ code: 'country', values: [request.country], points: 10 });
  const formats = request.formats.filter((f) => expert.formats.includes(f));
  if (formats.length)
    reasons.push({ code: 'format', values: formats, points: Math.min(20, 10 * formats.length) });
  const availability = { available: 10, limited: 0, unavailable: -40 }[expert.availability];
  reasons.push({ code: 'availability', values: [expert.availability], points: availability });
  const max = Math.max(1, expert.maxConcurrent);
  const load = expert.activeRequests >= max ? -40 : -Math.round((20 * expert.activeRequests) / max);
  reasons.push({ code: 'load', values: [String(expert.activeRequests), String(max)], points: load });
  if (expert.verified) reasons.push({ code: 'verified', values: [], points: 5 });
  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  return { score, reasons: reasons.sort((a, b) => b.points - a.points) };
}
