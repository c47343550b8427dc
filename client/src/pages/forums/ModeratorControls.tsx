/**
 * A moderator's controls on a topic: pin, lock, and move with a destination picker. The server decides
 * (onward-sharing rules, the destination's ceiling); a refusal is shown as the server worded it.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { ReasonField } from '../../components/ReasonField.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import {
  listCategories,
  listMySpaces,
  moveTopic,
  setTopicFlag,
  type CategoryView,
  type TopicView,
} from './forumsApi.js';
import { errorRefusal } from '../../errors/refusal.js';

/** Props of {@link ModeratorControls}. */
export interface ModeratorControlsProps {
  topic: TopicView;
  /** Called with the new pin/lock state, or after a move (the page reloads the topic). */
  onFlags: (flags: { pinned: boolean; locked: boolean }) => void;
  onMoved: () => void;
}

/** Pin, lock and move buttons with their outcome announced. */
export function ModeratorControls({ topic, onFlags, onMoved }: ModeratorControlsProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [moving, setMoving] = useState(false);

  const toggle = async (flag: 'pin' | 'lock') => {
    const on = flag === 'pin' ? !topic.pinned : !topic.locked;
    setBusy(true);
    try {
      const flags = await setTopicFlag(topic.id, flag, on);
      onFlags(flags);
      setStatus(t(`forums.moderate.done.${flag}${on ? 'On' : 'Off'}`));
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="moderator-controls" aria-labelledby="moderate-heading">
      <h2 id="moderate-heading">{t('forums.moderate.heading')}</h2>
      <FormAlert message={alert} id="moderate-error" />
      <div className="form-actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => toggle('pin')}
        >
          {topic.pinned ? t('forums.moderate.unpin') : t('forums.moderate.pin')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => toggle('lock')}
        >
          {topic.locked ? t('forums.moderate.unlock') : t('forums.moderate.lock')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={moving}
          onClick={() => setMoving((open) => !open)}
        >
          {t('forums.moderate.move')}
        </button>
      </div>
      <StatusMessage>{status}</StatusMessage>
      {moving && <MoveForm topic={topic} onMoved={onMoved} />}
    </section>
  );
}

interface Destination {
  space: string;
  spaceName: string;
  categories: CategoryView[];
}

function MoveForm({ topic, onMoved }: { topic: TopicView; onMoved: () => void }) {
  const { t } = useTranslation();
  const [destinations, setDestinations] = useState<Destination[] | null>(null);
  const [target, setTarget] = useState('');
  const [justification, setJustification] = useState('');
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const spaces = (await listMySpaces(controller.signal)).items.filter(
        (space) => space.kind === 'hub' || space.kind === 'network',
      );
      const found = await Promise.all(
        spaces.map(async (space) => ({
          space: space.slug,
          spaceName: space.name,
          categories: (await listCategories(space.slug, controller.signal).catch(() => ({ items: [] })))
            .items,
        })),
      );
      // Only forums the moderator may moderate can receive the topic.
      setDestinations(
        found
          .map((d) => ({ ...d, categories: d.categories.filter((c) => c.viewerMayModerate) }))
          .filter((d) => d.categories.length > 0),
      );
    })().catch((error: unknown) => {
      if (!controller.signal.aborted) setAlert(alertMessage(errorRefusal(error, t)));
    });
    return () => controller.abort();
  }, [t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const [space, category] = target.split('/');
    if (!space || !category || !justification.trim()) {
      setAlert(alertMessage(t('forums.moderate.moveRequired')));
      return;
    }
    setSending(true);
    try {
      await moveTopic(topic.id, {
        category,
        ...(space !== topic.space.slug ? { space } : {}),
        justification,
      });
      onMoved();
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
      setSending(false);
    }
  };

  if (!destinations) return <StatusMessage>{t('forums.loading')}</StatusMessage>;
  return (
    <form className="forum-form forum-form--inline" onSubmit={submit} noValidate>
      <FormAlert message={alert} id="move-error" />
      <FormField id="move-target" label={t('forums.moderate.destination')} required>
        {(control) => (
          <select {...control} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">{t('forums.moderate.chooseDestination')}</option>
            {destinations.map((d) => (
              <optgroup key={d.space} label={d.spaceName}>
                {d.categories.map((c) => (
                  <option
                    key={c.id}
                    value={`${d.space}/${c.slug}`}
                    disabled={d.space === topic.space.slug && c.slug === topic.category.slug}
                  >
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </FormField>
      <ReasonField
        id="move-justification"
        label={t('forums.moderate.justification')}
        hint={t('forums.moderate.justificationHint')}
        value={justification}
        onChange={setJustification}
      />
      <SubmitButton sending={sending} busyLabel={t('forums.form.sending')}>
        {t('forums.moderate.moveSubmit')}
      </SubmitButton>
    </form>
  );
}
