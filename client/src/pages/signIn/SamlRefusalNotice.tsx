/**
 * Why a sign-in through a city's identity provider was refused: the ACS sends the browser back to
 * `/sign-in?samlError=<code>` (server/http/saml/acsRoute.ts), and this says it in the reader's
 * language. Unknown codes get the general message.
 */
import { useTranslation } from 'react-i18next';

const CODES = [
  'idp_status',
  'too_old',
  'weak_signature',
  'other_browser',
  'unsolicited',
  'request_expired',
  'invalid_response',
] as const;

/** The refusal notice, or nothing without a `samlError`. */
export function SamlRefusalNotice({ code }: { code: string | null }) {
  const { t } = useTranslation();
  if (!code) return null;
  const known = (CODES as readonly string[]).includes(code) ? code : 'invalid_response';
  return (
    <div className="notice notice--error" role="alert" aria-labelledby="saml-error-heading">
      <h2 id="saml-error-heading">{t('signIn.samlErrorHeading')}</h2>
      <p>{t(`signIn.samlError.${known}`)}</p>
    </div>
  );
}
