/**
 * The client's one road from a refusal to words (client/src/errors/refusal.ts), with the real strings
 * of the four languages: a specific reason is said with its params and without the server's English,
 * every general code has a sentence, socket acks and network failures take the same road, and the
 * server's `detail` is used only when nothing else matches.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import { ApiError } from '../../client/src/api.js';
import {
  ackRefusal,
  errorRefusal,
  translateRefusal,
  type RefusalSource,
} from '../../client/src/errors/refusal.js';

const LANGUAGES = ['en', 'fr', 'ar', 'es'] as const;
const GENERAL = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'too_large',
  'rate_limited',
  'unavailable',
  'internal',
];

const strings = (language: string) =>
  JSON.parse(
    readFileSync(new URL(`../../client/src/locales/${language}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;

describe('refusals in the reader language', () => {
  const ts = new Map<string, TFunction>();

  before(async () => {
    const instance = i18next.createInstance();
    await instance.init({
      lng: 'en',
      fallbackLng: 'en',
      resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: strings(l) }])),
      interpolation: { escapeValue: false },
    });
    for (const language of LANGUAGES) ts.set(language, instance.getFixedT(language));
  });

  const t = (language: string) => ts.get(language) as TFunction;

  it('says a specific reason with its params, in each language, without the server words', () => {
    const problem = {
      code: 'label_above_ceiling',
      params: { label: 'RED', ceiling: 'AMBER', space: 'Sahel exchange' },
      status: 400,
      detail: 'TLP:RED is above the ceiling AMBER of "Sahel exchange".',
    };
    const said = Object.fromEntries(LANGUAGES.map((l) => [l, translateRefusal(problem, t(l))]));
    for (const language of LANGUAGES) {
      const refusal = said[language];
      assert.ok(refusal);
      assert.equal(refusal.detail, null, language);
      assert.match(refusal.text, /TLP:RED/, language);
      assert.match(refusal.text, /TLP:AMBER/, language);
      assert.match(refusal.text, /Sahel exchange/, language);
      assert.doesNotMatch(refusal.text, /\{\{/, language);
    }
    assert.match(said.fr?.text ?? '', /dépasse/);
    assert.notEqual(said.ar?.text, said.en?.text);
  });

  it('translates each specific reason and the state it names', () => {
    const reasons: RefusalSource[] = [
      { code: 'label_below_parent', params: { label: 'GREEN', parent: 'AMBER' } },
      { code: 'topic_locked' },
      { code: 'state_conflict', params: { state: 'quarantined' } },
      { code: 'not_readable' },
    ];
    for (const language of LANGUAGES)
      for (const reason of reasons) {
        const refusal = translateRefusal({ ...reason, status: 409, detail: 'English words' }, t(language));
        assert.doesNotMatch(
          refusal.text,
          /\{\{|English words|refusals\./,
          `${language} ${String(reason.code)}`,
        );
      }
    assert.match(
      translateRefusal({ code: 'state_conflict', params: { state: 'quarantined' } }, t('fr')).text,
      /« en quarantaine »/,
    );
  });

  it('has a sentence for every general code, and keeps the server words beside it when they add facts', () => {
    for (const language of LANGUAGES)
      for (const code of GENERAL) {
        const refusal = translateRefusal({ code, status: 400, detail: 'Server words.' }, t(language));
        assert.doesNotMatch(refusal.text, /refusals\.|Server words/, `${language} ${code}`);
      }
    const forbidden = translateRefusal({ code: 'forbidden', status: 403, detail: 'Not onward.' }, t('es'));
    assert.deepEqual(forbidden, { text: 'No tiene permiso para hacer esto.', detail: 'Not onward.' });
    // An unknown specific reason falls back on the status's general code.
    assert.equal(
      translateRefusal({ code: 'some_new_reason', status: 409, detail: 'x' }, t('fr')).text,
      translateRefusal({ code: 'conflict' }, t('fr')).text,
    );
  });

  it('does not say the same sentence twice when the server detail is the translated sentence', () => {
    const en = t('en');
    const sentence = en('refusals.codes.forbidden');
    assert.deepEqual(translateRefusal({ code: 'forbidden', status: 403, detail: sentence }, en), {
      text: sentence,
      detail: null,
    });
    const fr = translateRefusal({ code: 'forbidden', status: 403, detail: sentence }, t('fr'));
    assert.equal(fr.detail, sentence, 'a French reader still gets the facts the server gave');
  });

  it('falls back on the server detail only when nothing matches', () => {
    assert.deepEqual(translateRefusal({ code: 'teapot', status: 418, detail: 'I am a teapot.' }, t('fr')), {
      text: 'I am a teapot.',
      detail: null,
    });
  });

  it('takes API errors, network failures and socket acks the same road', () => {
    const network = errorRefusal(
      new ApiError(0, { type: 'about:blank', title: 'Network error', status: 0 }),
      t('ar'),
    );
    assert.equal(network.text, 'تعذّر الوصول إلى الخادم. تحقّق من اتصالك.');
    const old = errorRefusal(
      new ApiError(404, { type: 'about:blank', title: 'Not Found', status: 404 }),
      t('fr'),
    );
    assert.equal(old.text, "Ceci n'existe pas ou ne vous est pas accessible.", 'no code: the status says it');
    const ack = ackRefusal({ code: 'too_large', message: 'The message is too long.' }, t('es'));
    assert.deepEqual(ack, {
      text: 'El texto es demasiado largo. Acórtelo e inténtelo de nuevo.',
      detail: null,
    });
    const withReason = ackRefusal({ code: 'conflict', message: 'locked', reason: 'topic_locked' }, t('fr'));
    assert.equal(withReason.text, 'Ce sujet est verrouillé : seuls ses modérateurs peuvent répondre.');
  });
});
