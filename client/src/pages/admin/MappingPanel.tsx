/**
 * The attribute map (which attribute gives the e-mail, name, position, department, groups) and the
 * role rules (a group value gives a role), beside the values the last sign-in actually sent, so a
 * focal point maps what they see without reading XML.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/roles.js';
import { FormAlert } from '../../components/FormAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { AttributeTable } from './AttributeTable.js';
import { change, type IdentityProviderView } from './adminApi.js';
import { useChange } from './useChange.js';

const MAPPED = ['email', 'name', 'position', 'department', 'groups'] as const;

/** The mapping form and the last sign-in's values. */
export function MappingPanel({ idp }: { idp: IdentityProviderView }) {
  const { t } = useTranslation();
  const [map, setMap] = useState<Record<string, string>>(
    Object.fromEntries(MAPPED.map((key) => [key, idp.attributeMap[key] ?? ''])),
  );
  const [rules, setRules] = useState(idp.roleRules.map((r) => ({ ...r })));
  const [defaults, setDefaults] = useState<Role[]>([...idp.defaultRoles]);
  const { sending, error, done, run } = useChange();
  const canEdit = idp.abilities.update;
  const seen = idp.lastSignIn?.attributes.map((a) => a.name) ?? [];
  // Privileged roles only where the policy lets the reader allow them.
  const offered = ROLES.filter(
    (r) => idp.abilities.allowPrivilegedRoles || (r !== 'admin' && r !== 'moderator'),
  );

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const path = `/identity-providers/${idp.slug}`;
    const body = {
      attributeMap: Object.fromEntries(MAPPED.map((key) => [key, map[key]?.trim() ? map[key].trim() : null])),
      roleRules: rules.filter((r) => r.value.trim() !== ''),
      defaultRoles: defaults,
    };
    await run(() => change('PATCH', path, body, path), t('admin.idp.mappingSaved'));
  };

  return (
    <section className="admin-panel" aria-labelledby="idp-map-heading">
      <h2 id="idp-map-heading">{t('admin.idp.mapping')}</h2>
      {idp.lastSignIn ? (
        <AttributeTable
          caption={t('admin.idp.lastSignIn', { date: new Date(idp.lastSignIn.at).toLocaleString() })}
          attributes={idp.lastSignIn.attributes}
        />
      ) : (
        <p>{t('admin.idp.noSignInYet')}</p>
      )}
      <datalist id="idp-seen-attributes">
        {seen.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <FormAlert id="idp-map-error" message={error} />
      <form className="admin-form" onSubmit={(event) => void save(event)} noValidate>
        <fieldset>
          <legend>{t('admin.idp.attributeMap')}</legend>
          {MAPPED.map((key) => (
            <div className="field" key={key}>
              <label htmlFor={`map-${key}`}>{t(`admin.idp.mapped.${key}`)}</label>
              <input
                id={`map-${key}`}
                dir="ltr"
                list="idp-seen-attributes"
                disabled={!canEdit}
                value={map[key] ?? ''}
                onChange={(event) => setMap({ ...map, [key]: event.target.value })}
              />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('admin.idp.roleRules')}</legend>
          <p className="hint">{t('admin.idp.roleRulesHint')}</p>
          {rules.map((rule, index) => (
            <div className="admin-rule" key={index}>
              <div className="field">
                <label htmlFor={`rule-value-${index}`}>{t('admin.idp.ruleValue')}</label>
                <input
                  id={`rule-value-${index}`}
                  dir="ltr"
                  disabled={!canEdit}
                  value={rule.value}
                  onChange={(event) =>
                    setRules(rules.map((r, i) => (i === index ? { ...r, value: event.target.value } : r)))
                  }
                />
              </div>
              <div className="field">
                <label htmlFor={`rule-role-${index}`}>{t('admin.idp.ruleRole')}</label>
                <select
                  id={`rule-role-${index}`}
                  disabled={!canEdit}
                  value={rule.role}
                  onChange={(event) =>
                    setRules(
                      rules.map((r, i) => (i === index ? { ...r, role: event.target.value as Role } : r)),
                    )
                  }
                >
                  {offered.map((role) => (
                    <option key={role} value={role}>
                      {t(`admin.roles.${role}`)}
                    </option>
                  ))}
                </select>
              </div>
              {canEdit && (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setRules(rules.filter((_, i) => i !== index))}
                >
                  {t('admin.idp.removeRule')}
                </button>
              )}
            </div>
          ))}
          {canEdit && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setRules([...rules, { value: '', role: 'practitioner' }])}
            >
              {t('admin.idp.addRule')}
            </button>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('admin.idp.defaultRoles')}</legend>
          {offered.map((role) => (
            <div className="checkbox" key={role}>
              <input
                id={`default-${role}`}
                type="checkbox"
                disabled={!canEdit}
                checked={defaults.includes(role)}
                onChange={(event) =>
                  setDefaults(event.target.checked ? [...defaults, role] : defaults.filter((r) => r !== role))
                }
              />
              <label htmlFor={`default-${role}`}>{t(`admin.roles.${role}`)}</label>
            </div>
          ))}
        </fieldset>
        {canEdit && (
          <SubmitButton sending={sending} busyLabel={t('admin.sending')}>
            {t('admin.idp.saveMapping')}
          </SubmitButton>
        )}
      </form>
      <StatusMessage>{done}</StatusMessage>
    </section>
  );
}
