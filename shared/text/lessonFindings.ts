/**
 * The automatic checks of a library record's text (issue #14, "From answer to lesson"): e-mail
 * addresses, telephone numbers, and the names and places the caller knows of (the people of the source
 * request, the network's cities) that remain in any field. Each finding names its kind, its field and
 * the text found, for the writer to remove; people still confirm the principle-3 checklist themselves.
 */

/** One finding. */
export interface LessonFinding {
  kind: 'email' | 'phone' | 'name' | 'place';
  field: string;
  text: string;
}

const EMAIL = /[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[\p{L}]{2,}/gu;
/** Seven digits or more, with the usual separators and an optional international prefix. */
const PHONE = /(?:\+|\b00)?\d[\d\s().\-/]{5,}\d/g;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The words to look for in a known name: the whole name and each part of three letters or more. */
function nameParts(names: readonly string[]): string[] {
  const parts = new Set<string>();
  for (const name of names) {
    const whole = name.trim();
    if (whole.length >= 3) parts.add(whole);
    for (const part of whole.split(/\s+/)) if (part.length >= 3) parts.add(part);
  }
  return [...parts];
}

function wholeWord(word: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(word)}(?![\\p{L}\\p{N}])`, 'iu');
}

/** The findings in `fields` (field name → text), given the known names and places. */
export function lessonFindings(
  fields: Record<string, string>,
  known: { names: readonly string[]; places: readonly string[] },
): LessonFinding[] {
  const findings: LessonFinding[] = [];
  const names = nameParts(known.names);
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    for (const match of text.match(EMAIL) ?? []) findings.push({ kind: 'email', field, text: match });
    const withoutEmails = text.replace(EMAIL, ' ');
    for (const match of withoutEmails.match(PHONE) ?? [])
      if (match.replace(/\D/g, '').length >= 7) findings.push({ kind: 'phone', field, text: match.trim() });
    for (const name of names)
      if (wholeWord(name).test(text)) findings.push({ kind: 'name', field, text: name });
    for (const place of known.places)
      if (place.trim().length >= 3 && wholeWord(place.trim()).test(text))
        findings.push({ kind: 'place', field, text: place.trim() });
  }
  return findings;
}

/** Whether a finding stops a record: e-mails and numbers always; names and places when it must be sanitised. */
export function isBlocking(finding: LessonFinding, sanitise: boolean): boolean {
  return finding.kind === 'email' || finding.kind === 'phone' || sanitise;
}
