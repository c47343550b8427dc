/**
 * One expert as the directory shows them: name, city or organisation, verified or not, summary,
 * topics, languages with proficiency, regions, countries, formats and availability; the private part
 * (clearance, conflicts) only when the server sent it (the expert themself, the Management Unit);
 * and, for the Management Unit (the `verify` ability), the verification control.
 */
import { useTranslation } from 'react-i18next';
import { LabelBadge } from '../../components/LabelBadge.js';
import { countryName, hubName } from '../../format.js';
import { useHubs } from '../../hooks/useHubs.js';
import { Link } from '../../router.js';
import type { ExpertView } from './expertsApi.js';
import { VerifyControl } from './VerifyControl.js';
import { languageName } from './vocabulary.js';

/** Props of {@link ExpertCard}. */
export interface ExpertCardProps {
  expert: ExpertView;
  /** The heading level: 2 in the directory, 1 on the expert's own page. */
  level: 1 | 2;
  onVerified: (expert: ExpertView) => void;
}

/** Renders one expert. */
export function ExpertCard({ expert, level, onVerified }: ExpertCardProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const hubs = useHubs();
  const headingId = `expert-${expert.person.id}`;
  const Heading = level === 1 ? 'h1' : 'h2';
  const regionName = (slug: string) => {
    const hub = hubs.state === 'ready' ? hubs.data.find((h) => h.slug === slug) : undefined;
    return hub ? hubName(hub, language) : slug;
  };
  const where = [expert.person.city, expert.person.organisation].filter(Boolean).join(' · ');
  return (
    <article className="expert-card" aria-labelledby={headingId}>
      <Heading id={headingId} className="expert-card__name">
        {level === 2 ? (
          <Link to={`/experts/${expert.person.id}`}>
            <bdi>{expert.person.name}</bdi>
          </Link>
        ) : (
          <bdi>{expert.person.name}</bdi>
        )}
      </Heading>
      <p className="expert-card__where">
        {where && <bdi>{where}</bdi>}{' '}
        <span className={expert.verified ? 'expert-badge expert-badge--verified' : 'expert-badge'}>
          {expert.verified ? t('experts.card.verified') : t('experts.card.notVerified')}
        </span>
      </p>
      {expert.summary && (
        <p className="expert-card__summary">
          <bdi>{expert.summary}</bdi>
        </p>
      )}
      <dl className="expert-facts">
        <dt>{t('experts.card.topics')}</dt>
        <dd>{expert.topics.map((topic) => t(`experts.topics.${topic}`)).join(', ')}</dd>
        <dt>{t('experts.card.languages')}</dt>
        <dd>
          {expert.languages
            .map((l) =>
              t('experts.card.languageLevel', {
                language: languageName(l.code, language),
                level: t(`experts.proficiencies.${l.proficiency}`),
              }),
            )
            .join(', ')}
        </dd>
        {expert.regions.length > 0 && (
          <>
            <dt>{t('experts.card.regions')}</dt>
            <dd>{expert.regions.map(regionName).join(', ')}</dd>
          </>
        )}
        {expert.countries.length > 0 && (
          <>
            <dt>{t('experts.card.countries')}</dt>
            <dd>{expert.countries.map((c) => countryName(c, language)).join(', ')}</dd>
          </>
        )}
        <dt>{t('experts.card.formats')}</dt>
        <dd>{expert.formats.map((f) => t(`experts.formats.${f}`)).join(', ')}</dd>
        <dt>{t('experts.card.availability')}</dt>
        <dd>{t(`experts.availabilities.${expert.availability}`)}</dd>
        {expert.clearance && (
          <>
            <dt>{t('experts.card.clearance')}</dt>
            <dd>
              <LabelBadge label={expert.clearance} />
            </dd>
          </>
        )}
        {expert.conflicts && (
          <>
            <dt>{t('experts.card.conflicts')}</dt>
            <dd>
              {[
                ...expert.conflicts.cities,
                ...expert.conflicts.countries.map((c) => countryName(c, language)),
                ...expert.conflicts.organisations,
              ].join(', ') || t('experts.card.noConflicts')}
            </dd>
          </>
        )}
      </dl>
      {expert.abilities.verify && <VerifyControl expert={expert} onVerified={onVerified} />}
    </article>
  );
}
