/**
 * A request's facts as a description list (`requests.fields.<key>` as the term, the value isolated
 * for mixed-direction text), on the request's page and on an offer.
 */
import { useTranslation } from 'react-i18next';

/** One fact: its field key and its value in words. */
export interface RequestFact {
  key: string;
  value: string;
}

/** The facts, in the given order. */
export function RequestFacts({ facts }: { facts: RequestFact[] }) {
  const { t } = useTranslation();
  return (
    <dl className="facts request-facts">
      {facts.map((fact) => (
        <div key={fact.key}>
          <dt>{t(`requests.fields.${fact.key}`)}</dt>
          <dd>
            <bdi>{fact.value}</bdi>
          </dd>
        </div>
      ))}
    </dl>
  );
}
