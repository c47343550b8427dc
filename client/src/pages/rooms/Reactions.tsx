/**
 * A message's reactions: one toggle button per emoji in use (pressed when it includes me), and a
 * small disclosure with the emoji one can add. Every button has a spoken name.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReactionSummary } from '../../../../shared/events.js';

/** The emoji offered, with the translation key of their spoken names. */
export const EMOJI = [
  { emoji: '👍', key: 'thumbsUp' },
  { emoji: '❤️', key: 'heart' },
  { emoji: '🎉', key: 'celebrate' },
  { emoji: '🙏', key: 'thanks' },
  { emoji: '👀', key: 'eyes' },
] as const;

function emojiName(emoji: string, t: (key: string) => string): string {
  const known = EMOJI.find((e) => e.emoji === emoji);
  return known ? t(`rooms.emoji.${known.key}`) : emoji;
}

/** Props of {@link Reactions}. */
export interface ReactionsProps {
  messageId: string;
  reactions: ReactionSummary[];
  me: string;
  onToggle: (emoji: string, add: boolean) => void;
}

/** The reaction buttons of one message. */
export function Reactions({ messageId, reactions, me, onToggle }: ReactionsProps) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const pickerId = `react-${messageId}`;
  return (
    <div className="reactions">
      {reactions
        .filter((r) => r.count > 0)
        .map((r) => {
          const mine = r.personIds.includes(me);
          return (
            <button
              key={r.emoji}
              type="button"
              className="reaction"
              aria-pressed={mine}
              aria-label={t('rooms.reactions.count', { emoji: emojiName(r.emoji, t), n: r.count })}
              onClick={() => onToggle(r.emoji, !mine)}
            >
              <span aria-hidden="true">{r.emoji}</span> {r.count}
            </button>
          );
        })}
      <button
        type="button"
        className="link-button"
        aria-expanded={picking}
        aria-controls={pickerId}
        onClick={() => setPicking(!picking)}
      >
        {t('rooms.reactions.add')}
      </button>
      <span id={pickerId} hidden={!picking} className="reactions__picker">
        {EMOJI.map(({ emoji, key }) => (
          <button
            key={emoji}
            type="button"
            className="reaction"
            aria-label={t('rooms.reactions.reactWith', { emoji: t(`rooms.emoji.${key}`) })}
            onClick={() => {
              setPicking(false);
              const mine = reactions.some((r) => r.emoji === emoji && r.personIds.includes(me));
              onToggle(emoji, !mine);
            }}
          >
            <span aria-hidden="true">{emoji}</span>
          </button>
        ))}
      </span>
    </div>
  );
}
