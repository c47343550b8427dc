/**
 * The seven principles and the pledge checkbox. English comes from `shared/principles.ts`, the text
 * the server records; a translation is shown only if it was made for the same version of the text.
 */
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PRINCIPLES_EN, PRINCIPLES_VERSION } from '../../../../shared/principles.js';
import { isolate } from '../../format.js';
import { inputId } from './applicationModel.js';

/** The principles with the checkbox that pledges them; `error` explains why it must be ticked. */
export function PrinciplesPledge({
  checked,
  error,
  onChange,
}: {
  checked: boolean;
  error: string | undefined;
  onChange: (checked: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const translated = language !== 'en' && t('principles.version') === PRINCIPLES_VERSION;
  const id = inputId('pledged');
  const errorId = `${id}-error`;
  const change = (event: ChangeEvent<HTMLInputElement>) => onChange(event.target.checked);

  return (
    <fieldset className={error ? 'fieldset pledge field--invalid' : 'fieldset pledge'}>
      <legend>{t('apply.principlesLegend', { version: isolate(PRINCIPLES_VERSION, 'ltr') })}</legend>
      <p>{t('apply.principlesIntro')}</p>
      <ol className="principles" lang={translated ? undefined : 'en'}>
        {PRINCIPLES_EN.map((english, index) => (
          <li key={index}>{translated ? t(`principles.${index + 1}`) : english}</li>
        ))}
      </ol>
      {error && (
        <p id={errorId} className="field-error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      )}
      <div className="checkbox">
        <input
          type="checkbox"
          id={id}
          checked={checked}
          onChange={change}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        <label htmlFor={id}>{t('apply.pledgeLabel')}</label>
      </div>
    </fieldset>
  );
}
