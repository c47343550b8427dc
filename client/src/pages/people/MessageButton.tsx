/**
 * "Send a message" to one person: opens (or finds) the direct conversation with them and goes to its
 * room. A refusal is shown next to the button in the reader's language, and announced.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorRefusal, type Refusal } from '../../errors/refusal.js';
import { RefusalText } from '../../errors/RefusalText.js';
import { navigate } from '../../router.js';
import { openDirectConversation } from './directConversation.js';

/** The button for the person `person`; `name` is part of its accessible name. */
export function MessageButton({ person }: { person: { id: string; name: string } }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ busy: boolean; error: Refusal | null }>({
    busy: false,
    error: null,
  });
  const errorId = useId();

  const open = async () => {
    setState({ busy: true, error: null });
    try {
      const roomId = await openDirectConversation(person.id);
      navigate(`/rooms/${encodeURIComponent(roomId)}`);
    } catch (error) {
      setState({ busy: false, error: errorRefusal(error, t) });
    }
  };

  return (
    <span className="message-button">
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void open()}
        disabled={state.busy}
        aria-describedby={state.error ? errorId : undefined}
      >
        {state.busy ? t('people.opening') : t('people.sendMessage')}
        <span className="visually-hidden"> {t('people.sendMessageTo', { name: person.name })}</span>
      </button>
      <span id={errorId} role="alert" className="message-button__error">
        {state.error && (
          <>
            {t('people.messageRefused')} <RefusalText refusal={state.error} />
          </>
        )}
      </span>
    </span>
  );
}
