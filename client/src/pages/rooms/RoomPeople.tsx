/** Who is in the room now (presence) and who is typing (announced politely, never more than names). */
import { useTranslation } from 'react-i18next';

/** The list of people online in the room. */
export function PresenceList({
  online,
  names,
  me,
}: {
  online: string[];
  names: Record<string, string>;
  me: string;
}) {
  const { t } = useTranslation();
  const people = [...new Set(online)];
  return (
    <section className="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading">{t('rooms.presence.heading', { n: people.length })}</h2>
      <ul>
        {people.map((id) => (
          <li key={id}>
            <span className="presence__dot" aria-hidden="true" />
            <bdi>{id === me ? t('rooms.presence.you') : (names[id] ?? t('rooms.someone'))}</bdi>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Lucía is typing…" for the others who are typing. */
export function TypingIndicator({ typing, me }: { typing: Record<string, { name: string }>; me: string }) {
  const { t } = useTranslation();
  const names = Object.entries(typing)
    .filter(([id]) => id !== me)
    .map(([, person]) => person.name);
  const text =
    names.length === 0
      ? ''
      : names.length === 1
        ? t('rooms.typing.one', { name: names[0] })
        : t('rooms.typing.many', { n: names.length });
  return (
    <p className="typing" aria-live="polite">
      {text}
    </p>
  );
}
