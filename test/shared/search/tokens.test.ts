import assert from 'node:assert/strict';
import { MAX_ITEM_TOKENS, indexTokens, queryTerms, searchTokens } from '../../../shared/search/tokens.js';

/** Whether a query finds an item: some key of some query term is among the item's tokens. */
function finds(query: string, item: string[], language?: 'en' | 'fr' | 'es' | 'ar') {
  const tokens = new Set(indexTokens(item).tokens);
  return queryTerms(query, language).some((t) => [...t.strong, ...t.weak].some((k) => tokens.has(k)));
}

describe('search tokens', () => {
  it('finds a French post by inflected words: discriminations ← discriminatoire, mobilisés ← mobiliser', () => {
    const post = ['Lutter contre les discriminations', 'Les habitants mobilisés du quartier témoignent.'];
    assert.equal(indexTokens(post).language, 'fr');
    assert.ok(finds('discriminatoire', post));
    assert.ok(finds('discrimination', post));
    assert.ok(finds('mobiliser', post));
    assert.ok(finds('mobilisation', post, 'fr'));
    assert.ok(!finds('logement', post));
  });

  it('finds an Arabic post by its root: المكتبات and مكتبة by كتب; التطرف and متطرفين by تطرف', () => {
    assert.ok(finds('كتب', ['افتتاح المكتبات العامة في الأحياء']));
    assert.ok(finds('كتب', ['مكتبة المدينة']));
    assert.ok(finds('تطرف', ['الوقاية من التطرف العنيف']));
    assert.ok(finds('تطرف', ['برنامج لإعادة تأهيل الشباب المتطرفين']));
    assert.ok(finds('متطرفين', ['الوقاية من التطرف العنيف']));
    assert.ok(!finds('كتب', ['الوقاية من التطرف العنيف']));
  });

  it('matches regardless of accents, case and harakat', () => {
    assert.ok(finds('EDUCATION ecoles', ['Éducation civique', 'Écoles et jeunesse']));
    assert.ok(finds('éducation', ['EDUCATION CIVIQUE']));
    assert.ok(finds('مَكْتَبَة', ['مكتبة المدينة']));
    assert.ok(finds('discriminees', ['Femmes discriminées au travail']));
  });

  it('stores stems in the item language only, plus surface forms', () => {
    const { language, tokens } = indexTokens(['The housing programmes of the city'], 'en');
    assert.equal(language, 'en');
    assert.ok(tokens.includes('housing') && tokens.includes('hous'));
    assert.ok(!tokens.includes('the'), 'English stop word kept');
    // An unknown language is stemmed in every language.
    const unknown = indexTokens(['ciudades'], null);
    assert.equal(unknown.language, null);
    assert.ok(unknown.tokens.includes('ciudad'));
  });

  it('caps the tokens of one item', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `w${i}x`).join(' ');
    assert.equal(indexTokens([many], 'en').tokens.length, MAX_ITEM_TOKENS);
    assert.deepEqual(searchTokens(''), []);
  });

  it('derives query terms safely from hostile input', () => {
    assert.deepEqual(queryTerms('!!! ... ???'), []);
    assert.deepEqual(
      queryTerms('$where {"$ne": 1} .*').map((t) => t.word),
      ['where', 'ne'],
    );
    assert.deepEqual(
      queryTerms('\u202ecity\u202c').map((t) => t.word),
      ['city'],
    );
    // Stop words drop unless nothing else remains.
    assert.deepEqual(
      queryTerms('the youth').map((t) => t.word),
      ['youth'],
    );
    assert.deepEqual(
      queryTerms('the').map((t) => t.word),
      ['the'],
    );
    // Repeated words are one term.
    assert.equal(queryTerms('Ville ville VILLE').length, 1);
  });
});
