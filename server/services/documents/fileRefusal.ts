/** The problems a refused or infected file answers with: stable codes the client translates. */
import { InvalidError } from '../../errors.js';
import type { FileOutcome } from './checkFile.js';

/** Throws when the checks refused the file (a type we do not take, or a disguised one). */
export function throwIfRefused(outcome: FileOutcome): void {
  if (outcome.status !== 'refused') return;
  throw new InvalidError(
    outcome.detail ?? 'This file is not accepted.',
    [{ path: 'file', message: outcome.reason ?? 'refused' }],
    { reason: outcome.reason ?? 'type_not_allowed' },
  );
}

/** Throws when the scanner found malware (after the file was held for the moderators). */
export function throwIfInfected(outcome: FileOutcome, documentId: string): void {
  if (outcome.status !== 'infected') return;
  throw new InvalidError(
    outcome.detail ?? 'The virus scanner found malware in this file. It is held for the moderators.',
    [{ path: 'file', message: 'infected' }],
    { reason: 'file_infected', params: { signature: outcome.signature ?? 'unknown', document: documentId } },
  );
}
