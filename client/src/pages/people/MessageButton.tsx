/**
 * "Send a message" to one person: opens (or finds) the direct conversation with them and goes to its
 * room. A refusal is shown next to the button as the server worded it, and announced.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../../hooks/useApiGet.js';
import { navigate } from '../../router.js';
import { openDirectConversation } from './directConversation.js';

/** The button for the person `person`; `name` is part of its accessible name. */
export function MessageButton({ person }: { person: { id: string; name: string } }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ busy: boolean; error: string }>({ busy: false, error: '' });
  const errorId = useId();

  const open = async () => {
    setState({ busy: true, error: '' });
    try {
      const roomId = await openDirectConversation(person.id);
      navigate(`/rooms/${encodeURIComponent(roomId)}`);
    } catch (error) {
      const problem = asApiError(error);
      const text =
        problem.status === 0
          ? t('errors.network')
          : problem.status >= 500
            ? t('errors.server')
            : t('people.messageRefused', { reason: problem.problem.detail ?? problem.problem.title });
      setState({ busy: false, error: text });
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
        {state.error}
      </span>
    </span>
  );
}
