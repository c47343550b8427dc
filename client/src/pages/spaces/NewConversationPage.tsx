/**
 * /spaces/conversations/new: start a group conversation of 3 to 20 people, me included: an optional
 * name and the people, chosen from a list that can be narrowed by name. Fewer or more people are
 * refused here with the bounds, before anything is sent; the server says the same (`group_size`).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_CONVERSATION } from '../../../../shared/policy/spaces.js';
import { useSession } from '../../auth/session.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { queryClient } from '../../data/queryClient.js';
import { queryKeys } from '../../data/keys.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { errorRefusal } from '../../errors/refusal.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { navigate } from '../../router.js';
import { fetchPeople, spaceKeys, startGroupConversation, type PersonChoice } from './spacesApi.js';

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** The page. */
export function NewConversationPage() {
  const { t } = useTranslation();
  usePageTitle(t('spaces.group.heading'));
  const people = useApiQuery(spaceKeys.people(), fetchPeople, { staleTime: 60_000 });
  return (
    <section className="spaces-page">
      <h1>{t('spaces.group.heading')}</h1>
      <p id="group-intro">
        {t('spaces.group.intro', { min: GROUP_CONVERSATION.minPeople, max: GROUP_CONVERSATION.maxPeople })}
      </p>
      {people.state === 'loading' && <StatusMessage>{t('spaces.loading')}</StatusMessage>}
      {people.state === 'error' && <LoadError error={people.error} onRetry={people.retry} />}
      {people.state === 'ready' && <GroupForm people={people.data} />}
    </section>
  );
}

function GroupForm({ people }: { people: PersonChoice[] }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const me = session.status === 'signedIn' ? session.me.person.id : null;
  const others = people.filter((p) => p.id !== me);
  const [name, setName] = useState('');
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [sizeError, setSizeError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const { minPeople: min, maxPeople: max } = GROUP_CONVERSATION;
  const everyone = chosen.size + 1;
  const shown = others.filter((p) => chosen.has(p.id) || fold(p.name).includes(fold(filter.trim())));

  const toggle = (id: string, on: boolean) =>
    setChosen((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (everyone < min || everyone > max) {
      const message = t(everyone < min ? 'spaces.group.tooFew' : 'spaces.group.tooMany', {
        min,
        max,
        n: everyone,
      });
      setSizeError(message);
      setAlert(alertMessage(message));
      return;
    }
    setSizeError(undefined);
    setSending(true);
    try {
      const room = await startGroupConversation([...chosen], name.trim() || undefined);
      await queryClient.invalidateQueries({ queryKey: queryKeys.myRooms() });
      navigate(`/rooms/${room}`);
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
      setSending(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-describedby="group-intro">
      <FormAlert message={alert} id="group-alert" />
      <FormField id="group-name" label={t('spaces.group.name')} hint={t('spaces.group.nameHint')}>
        {(control) => (
          <input
            {...control}
            type="text"
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </FormField>
      <FormField id="group-filter" label={t('spaces.group.filter')}>
        {(control) => (
          <input {...control} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        )}
      </FormField>
      <fieldset
        className={`field people-choice${sizeError ? ' field--invalid' : ''}`}
        aria-describedby="group-count"
      >
        <legend>{t('spaces.group.people')}</legend>
        {sizeError && (
          <p className="field-error">
            <span className="visually-hidden">{t('form.errorPrefix')} </span>
            {sizeError}
          </p>
        )}
        <p id="group-count" className="hint" aria-live="polite">
          {t('spaces.group.count', { chosen: chosen.size, everyone })}
        </p>
        <ul className="people-choice__list">
          {shown.map((p) => (
            <li key={p.id} className="choice">
              <input
                type="checkbox"
                id={`group-person-${p.id}`}
                checked={chosen.has(p.id)}
                onChange={(e) => toggle(p.id, e.target.checked)}
              />
              <label htmlFor={`group-person-${p.id}`}>
                <bdi>{p.name}</bdi>
                {p.city && <span className="hint"> ({p.city})</span>}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <SubmitButton sending={sending} busyLabel={t('spaces.group.starting')}>
        {t('spaces.group.submit')}
      </SubmitButton>
    </form>
  );
}
