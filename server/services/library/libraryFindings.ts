/**
 * The automatic checks of one library record (shared/text/lessonFindings.ts) with what the server
 * knows: the names of the people of its source request (requester, the city's focal points, the
 * experts) and of its writer, and the names of the network's cities; over the original text and every
 * translation.
 */
import { LIBRARY_SECTIONS } from '../../../shared/schemas/library.js';
import { isBlocking, lessonFindings, type LessonFinding } from '../../../shared/text/lessonFindings.js';
import { CityModel } from '../../models/City.js';
import type { LibraryRecordDoc } from '../../models/LibraryRecord.js';
import { PersonModel } from '../../models/Person.js';
import { loadContent } from '../../policy/contentAccess.js';

/** The record's text fields, by field name (translations as `<language>.<field>`). */
const FIELDS = ['title', 'summary', ...LIBRARY_SECTIONS] as const;

/** The most cities looked for (the directory is small; a bound all the same). */
const MAX_PLACES = 5_000;

function textsOf(record: LibraryRecordDoc): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of FIELDS) out[field] = String(record[field] ?? '');
  for (const translation of record.translations)
    for (const field of FIELDS) out[`${translation.language}.${field}`] = String(translation[field] ?? '');
  return out;
}

/** The names of the people the record's source involves (and its writer's). */
async function knownNames(record: LibraryRecordDoc): Promise<string[]> {
  const ids: unknown[] = [record.authorId];
  if (record.source?.requestId) {
    const request = await loadContent(String(record.source.requestId), 'ExpertRequest');
    if (request) ids.push(request.authorId, ...request.expertIds);
  }
  if (record.source?.cityId) {
    const city = await CityModel.findById(record.source.cityId, { focalPointIds: 1 }).lean();
    ids.push(...(city?.focalPointIds ?? []));
  }
  const people = await PersonModel.find({ _id: { $in: ids } }, { name: 1 }).lean();
  return people.map((p) => p.name);
}

/** The places the checks look for: the names of the network's cities (read once per page of records). */
export async function knownPlaces(): Promise<string[]> {
  return (await CityModel.find({}, { name: 1 }).limit(MAX_PLACES).lean()).map((c) => c.name);
}

/** What the checks find in the record now (`places` when the caller has them already). */
export async function findingsOf(
  record: LibraryRecordDoc,
  places: Promise<string[]> = knownPlaces(),
): Promise<LessonFinding[]> {
  const [names, known] = await Promise.all([knownNames(record), places]);
  return lessonFindings(textsOf(record), { names, places: known });
}

/** The findings that stop the record from going on (see isBlocking). */
export function blockingOf(record: LibraryRecordDoc, findings: LessonFinding[]): LessonFinding[] {
  return findings.filter((f) => isBlocking(f, Boolean(record.source?.sanitise)));
}
