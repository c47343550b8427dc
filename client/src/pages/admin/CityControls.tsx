/**
 * What may be changed of one city, each control shown only where the city's abilities allow: the
 * lifecycle step (with a reason), the ISC seat, and the focal points (chosen among its active people).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CITY_STATUS_TRANSITIONS } from '../../../../shared/directoryTerms.js';
import { FormAlert } from '../../components/FormAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import type { Page } from '../../types.js';
import { change, type AdminCityView, type AdminPersonView } from './adminApi.js';
import { useChange } from './useChange.js';

/** The lifecycle step form. */
function StatusForm({ city }: { city: AdminCityView }) {
  const { t } = useTranslation();
  const next = CITY_STATUS_TRANSITIONS[city.status];
  const [status, setStatus] = useState(next[0] ?? city.status);
  const [reason, setReason] = useState('');
  const [pledgedBy, setPledgedBy] = useState('');
  const { sending, error, done, run } = useChange();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { status, reason, ...(pledgedBy ? { pledgedBy } : {}) };
    await run(
      () => change('POST', `/cities/${city.slug}/status`, body, '/cities'),
      t('admin.cities.statusSaved'),
    );
  };
  return (
    <form className="admin-form" onSubmit={(event) => void submit(event)} noValidate>
      <FormAlert id={`city-status-error-${city.slug}`} message={error} />
      <div className="field">
        <label htmlFor={`city-status-${city.slug}`}>{t('admin.cities.newStatus')}</label>
        <select
          id={`city-status-${city.slug}`}
          value={status}
          onChange={(event) => setStatus(event.target.value as typeof status)}
        >
          {next.map((s) => (
            <option key={s} value={s}>
              {t(`admin.cities.statuses.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`city-reason-${city.slug}`}>{t('admin.cities.reason')}</label>
        <input
          id={`city-reason-${city.slug}`}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      {!city.pledge && (
        <div className="field">
          <label htmlFor={`city-pledge-${city.slug}`}>
            {t('admin.cities.pledgedBy')}
            <span className="field__optional"> {t('form.optional')}</span>
          </label>
          <input
            id={`city-pledge-${city.slug}`}
            value={pledgedBy}
            onChange={(event) => setPledgedBy(event.target.value)}
          />
        </div>
      )}
      <SubmitButton sending={sending} busyLabel={t('admin.sending')}>
        {t('admin.cities.changeStatus')}
      </SubmitButton>
      <StatusMessage>{done}</StatusMessage>
    </form>
  );
}

/** The focal points form: the city's active people as checkboxes. */
function FocalPointsForm({ city }: { city: AdminCityView }) {
  const { t } = useTranslation();
  const people = useApiGet<Page<AdminPersonView>>(`/people?city=${city.slug}&limit=100`);
  const [chosen, setChosen] = useState<string[]>((city.focalPoints ?? []).map((p) => p.id));
  const { sending, error, done, run } = useChange();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(
      () => change('PATCH', `/cities/${city.slug}`, { focalPointIds: chosen }, '/cities'),
      t('admin.cities.focalPointsSaved'),
    );
  };
  const active = people.state === 'ready' ? people.data.items.filter((p) => p.status === 'active') : [];
  return (
    <form className="admin-form" onSubmit={(event) => void submit(event)} noValidate>
      <FormAlert id={`city-focal-error-${city.slug}`} message={error} />
      <fieldset>
        <legend>{t('admin.cities.focalPoints')}</legend>
        {active.length === 0 && <p>{t('admin.cities.noPeople')}</p>}
        {active.map((p) => (
          <div className="checkbox" key={p.id}>
            <input
              id={`focal-${city.slug}-${p.id}`}
              type="checkbox"
              checked={chosen.includes(p.id)}
              onChange={(event) =>
                setChosen(event.target.checked ? [...chosen, p.id] : chosen.filter((id) => id !== p.id))
              }
            />
            <label htmlFor={`focal-${city.slug}-${p.id}`}>{p.name}</label>
          </div>
        ))}
      </fieldset>
      <SubmitButton sending={sending} busyLabel={t('admin.sending')}>
        {t('admin.cities.saveFocalPoints')}
      </SubmitButton>
      <StatusMessage>{done}</StatusMessage>
    </form>
  );
}

/** The ISC seat switch. */
function IscSeatControl({ city }: { city: AdminCityView }) {
  const { t } = useTranslation();
  const { sending, error, done, run } = useChange();
  const toggle = () =>
    void run(
      () => change('PATCH', `/cities/${city.slug}`, { iscSeat: !city.iscSeat }, '/cities'),
      t('admin.cities.iscSaved'),
    );
  return (
    <div>
      <FormAlert id={`city-isc-error-${city.slug}`} message={error} />
      <button type="button" className="button button--secondary" disabled={sending} onClick={toggle}>
        {t(city.iscSeat ? 'admin.cities.removeIsc' : 'admin.cities.giveIsc')}
      </button>
      <StatusMessage>{done}</StatusMessage>
    </div>
  );
}

/** The controls the city's abilities allow. */
export function CityControls({ city }: { city: AdminCityView }) {
  const abilities = city.abilities;
  if (!abilities) return null;
  return (
    <div className="admin-controls">
      {abilities.setStatus && CITY_STATUS_TRANSITIONS[city.status].length > 0 && <StatusForm city={city} />}
      {abilities.iscSeat && <IscSeatControl city={city} />}
      {abilities.focalPoints && <FocalPointsForm city={city} />}
    </div>
  );
}
