/**
 * /spaces/new: create a space within what the policy allows. The kinds and places offered are the
 * server's answer (GET /space-creation-options) and nothing else; the person sets the name, the
 * ceiling, the default label (never above the ceiling), the Chatham House Rule and, for peer rooms,
 * leaders only. The new space opens on its page, where members are invited.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LABELS, labelRank, type Label } from '../../../../shared/policy/labels.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { queryClient } from '../../data/queryClient.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { errorRefusal } from '../../errors/refusal.js';
import { hubName } from '../../format.js';
import { useHubs } from '../../hooks/useHubs.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { navigate } from '../../router.js';
import { createSpace, fetchCreationOptions, spaceKeys, type CreationOption } from './spacesApi.js';

/** The ceiling and default label a new space of each kind starts with (the person may change them). */
const STARTING_LABELS: Record<CreationOption['kind'], { ceiling: Label; defaultLabel: Label }> = {
  peer_room: { ceiling: 'RED', defaultLabel: 'AMBER' },
  committee: { ceiling: 'AMBER', defaultLabel: 'AMBER' },
  city: { ceiling: 'AMBER+STRICT', defaultLabel: 'AMBER' },
  city_partners: { ceiling: 'AMBER', defaultLabel: 'AMBER' },
  event: { ceiling: 'GREEN', defaultLabel: 'GREEN' },
};

/** The page: the options first, then the form. */
export function NewSpacePage() {
  const { t } = useTranslation();
  usePageTitle(t('spaces.new.heading'));
  const options = useApiQuery(spaceKeys.options(), fetchCreationOptions);
  return (
    <section className="spaces-page">
      <h1>{t('spaces.new.heading')}</h1>
      {options.state === 'loading' && <StatusMessage>{t('spaces.loading')}</StatusMessage>}
      {options.state === 'error' && <LoadError error={options.error} onRetry={options.retry} />}
      {options.state === 'ready' &&
        (options.data.length === 0 ? (
          <p>{t('spaces.new.nothing')}</p>
        ) : (
          <NewSpaceForm options={options.data} />
        ))}
    </section>
  );
}

/** The key of an option's place, for the place select. */
const placeKey = (o: CreationOption) => `${o.hub ?? ''}|${o.city ?? ''}`;

function NewSpaceForm({ options }: { options: CreationOption[] }) {
  const { t, i18n } = useTranslation();
  const hubs = useHubs();
  const kinds = useMemo(() => [...new Set(options.map((o) => o.kind))], [options]);
  const [kind, setKind] = useState<CreationOption['kind']>(kinds[0] ?? 'peer_room');
  const places = options.filter((o) => o.kind === kind);
  const [place, setPlace] = useState(places[0] ? placeKey(places[0]) : '');
  const chosen = places.find((o) => placeKey(o) === place) ?? places[0];
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [ceiling, setCeiling] = useState<Label>(STARTING_LABELS[kind].ceiling);
  const [defaultLabel, setDefaultLabel] = useState<Label>(STARTING_LABELS[kind].defaultLabel);
  const [chathamHouse, setChathamHouse] = useState(false);
  const [leadersOnly, setLeadersOnly] = useState(false);
  const [nameError, setNameError] = useState<string | undefined>();
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [sending, setSending] = useState(false);

  const chooseKind = (next: CreationOption['kind']) => {
    setKind(next);
    const first = options.find((o) => o.kind === next);
    if (first) setPlace(placeKey(first));
    setCeiling(STARTING_LABELS[next].ceiling);
    setDefaultLabel(STARTING_LABELS[next].defaultLabel);
    if (next !== 'peer_room') setLeadersOnly(false);
  };
  const chooseCeiling = (next: Label) => {
    setCeiling(next);
    if (labelRank(defaultLabel) > labelRank(next)) setDefaultLabel(next);
  };
  const placeName = (o: CreationOption) => {
    if (o.city) return t('spaces.new.places.city');
    if (!o.hub) return t('spaces.new.places.network');
    const hub = hubs.state === 'ready' ? hubs.data.find((h) => h.slug === o.hub) : undefined;
    return t('spaces.new.places.hub', { hub: hub ? hubName(hub, i18n.language) : o.hub });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    if (name.trim() === '') {
      setNameError(t('spaces.new.nameMissing'));
      setAlert(alertMessage(t('spaces.new.fix')));
      return;
    }
    setNameError(undefined);
    setSending(true);
    try {
      const space = await createSpace({
        name: name.trim(),
        description,
        kind,
        ...(chosen.hub ? { hub: chosen.hub } : {}),
        ...(chosen.city ? { city: chosen.city } : {}),
        ceiling,
        defaultLabel,
        chathamHouse,
        leadersOnly: chosen.leadersOnly && leadersOnly,
      });
      await queryClient.invalidateQueries({ queryKey: spaceKeys.mine() });
      navigate(`/spaces/${space.slug}`);
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
      setSending(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-describedby="new-space-intro">
      <p id="new-space-intro">{t('spaces.new.intro')}</p>
      <FormAlert message={alert} id="new-space-alert" />
      <fieldset className="field">
        <legend>{t('spaces.new.kind')}</legend>
        {kinds.map((k) => (
          <div key={k} className="choice">
            <input
              type="radio"
              id={`kind-${k}`}
              name="kind"
              value={k}
              checked={kind === k}
              onChange={() => chooseKind(k)}
              aria-describedby={`kind-${k}-hint`}
            />
            <label htmlFor={`kind-${k}`}>{t(`spaces.kinds.${k}`)}</label>
            <p id={`kind-${k}-hint`} className="hint">
              {t(`spaces.kindHints.${k}`)}
            </p>
          </div>
        ))}
      </fieldset>
      {places.length > 1 ? (
        <FormField id="space-place" label={t('spaces.new.place')} required>
          {(control) => (
            <select {...control} value={place} onChange={(e) => setPlace(e.target.value)}>
              {places.map((o) => (
                <option key={placeKey(o)} value={placeKey(o)}>
                  {placeName(o)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ) : (
        chosen && (
          <p className="space-place">
            {t('spaces.new.place')}: {placeName(chosen)}
          </p>
        )
      )}
      <FormField id="space-name" label={t('spaces.new.name')} error={nameError} required>
        {(control) => (
          <input
            {...control}
            type="text"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </FormField>
      <FormField id="space-description" label={t('spaces.new.description')}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </FormField>
      <FormField
        id="space-ceiling"
        label={t('spaces.new.ceiling')}
        hint={t('spaces.new.ceilingHint')}
        required
      >
        {(control) => (
          <select {...control} value={ceiling} onChange={(e) => chooseCeiling(e.target.value as Label)}>
            {LABELS.map((label) => (
              <option key={label} value={label}>
                TLP:{label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        id="space-default-label"
        label={t('spaces.new.defaultLabel')}
        hint={t('spaces.new.defaultLabelHint')}
        required
      >
        {(control) => (
          <select
            {...control}
            value={defaultLabel}
            onChange={(e) => setDefaultLabel(e.target.value as Label)}
          >
            {LABELS.filter((label) => labelRank(label) <= labelRank(ceiling)).map((label) => (
              <option key={label} value={label}>
                TLP:{label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="field choice">
        <input
          type="checkbox"
          id="space-chr"
          checked={chathamHouse}
          onChange={(e) => setChathamHouse(e.target.checked)}
          aria-describedby="space-chr-hint"
        />
        <label htmlFor="space-chr">{t('spaces.new.chathamHouse')}</label>
        <p id="space-chr-hint" className="hint">
          {t('spaces.new.chathamHouseHint')}
        </p>
      </div>
      {chosen?.leadersOnly && (
        <div className="field choice">
          <input
            type="checkbox"
            id="space-leaders"
            checked={leadersOnly}
            onChange={(e) => setLeadersOnly(e.target.checked)}
            aria-describedby="space-leaders-hint"
          />
          <label htmlFor="space-leaders">{t('spaces.new.leadersOnly')}</label>
          <p id="space-leaders-hint" className="hint">
            {t('spaces.new.leadersOnlyHint')}
          </p>
        </div>
      )}
      <SubmitButton sending={sending} busyLabel={t('spaces.new.creating')}>
        {t('spaces.new.submit')}
      </SubmitButton>
    </form>
  );
}
