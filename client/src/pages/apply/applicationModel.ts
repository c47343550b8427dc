/**
 * The application form's model, free of React: its values, which are missing, how they become the
 * API body, and which input a server field error (`body.contact.email`) belongs to.
 */
import { PRINCIPLES_VERSION } from '../../../../shared/principles.js';
import type { ApplicationInput, CityKind } from '../../types.js';

/** What the person has typed and chosen. */
export interface ApplicationValues {
  cityName: string;
  kind: CityKind | '';
  country: string;
  hub: string;
  contactName: string;
  email: string;
  position: string;
  message: string;
  pledged: boolean;
}

/** One of the form's inputs. */
export type FieldName = keyof ApplicationValues;

/** The form as it starts. */
export const EMPTY_APPLICATION: ApplicationValues = {
  cityName: '',
  kind: '',
  country: '',
  hub: '',
  contactName: '',
  email: '',
  position: '',
  message: '',
  pledged: false,
};

/** The order of the inputs on the page, for the error summary and for focusing the first error. */
export const FIELD_ORDER: readonly FieldName[] = [
  'cityName',
  'kind',
  'country',
  'hub',
  'contactName',
  'email',
  'position',
  'message',
  'pledged',
];

const REQUIRED: readonly FieldName[] = ['cityName', 'kind', 'country', 'contactName', 'email', 'position'];

/** The DOM id of a field's input, also the target of the error summary's links. */
export const inputId = (field: FieldName) => `apply-${field}`;

/** The inputs the person still has to fill in (and the pledge, if not ticked), in page order. */
export function missingFields(values: ApplicationValues): FieldName[] {
  return FIELD_ORDER.filter((field) =>
    field === 'pledged' ? !values.pledged : REQUIRED.includes(field) && String(values[field]).trim() === '',
  );
}

/** The request body; call only when {@link missingFields} is empty. */
export function toApplication(values: ApplicationValues): ApplicationInput {
  const message = values.message.trim();
  return {
    city: {
      name: values.cityName.trim(),
      kind: values.kind as CityKind,
      country: values.country,
      ...(values.hub ? { hub: values.hub } : {}),
    },
    contact: {
      name: values.contactName.trim(),
      email: values.email.trim(),
      position: values.position.trim(),
    },
    pledge: { version: PRINCIPLES_VERSION, accepted: true },
    ...(message ? { message } : {}),
  };
}

const FIELD_OF_PATH: Record<string, FieldName> = {
  'city.name': 'cityName',
  'city.kind': 'kind',
  'city.country': 'country',
  'city.hub': 'hub',
  'contact.name': 'contactName',
  'contact.email': 'email',
  'contact.position': 'position',
  message: 'message',
  pledge: 'pledged',
  'pledge.accepted': 'pledged',
  // `pledge.version` is left out on purpose: it means the principles changed since this page loaded,
  // which the checkbox cannot fix; the server's message says so in the summary.
};

/** The input a server error path (without its `body.` prefix) is about, or null for the form as a whole. */
export function fieldOfPath(path: string): FieldName | null {
  return FIELD_OF_PATH[path] ?? null;
}
