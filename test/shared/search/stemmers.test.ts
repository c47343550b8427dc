import assert from 'node:assert/strict';
import { stemArabic, stemLatin, stripArabicArticle } from '../../../shared/search/stemmers.js';

describe('stemming per language', () => {
  it('English (Porter): inflections of one word share a stem', () => {
    for (const [a, b] of [
      ['housing', 'houses'],
      ['communities', 'community'],
      ['organizing', 'organized'],
      ['discrimination', 'discriminations'],
    ])
      assert.equal(stemLatin(a!, 'en'), stemLatin(b!, 'en'), `${a} / ${b}`);
    assert.notEqual(stemLatin('police', 'en'), stemLatin('policy', 'en'));
  });

  it('French (Snowball + -atoire): noun, plural, adjective; participle and infinitive', () => {
    // discrimination(s) lose -ation(s); the adjective discriminatoire loses -atoire (our extra step).
    const stem = stemLatin('discrimination', 'fr');
    assert.equal(stem, 'discrimin');
    assert.equal(stemLatin('discriminations', 'fr'), stem);
    assert.equal(stemLatin('discriminatoire', 'fr'), stem);
    assert.equal(stemLatin('discriminatoires', 'fr'), stem);
    // mobilisés (participle, accented, plural) and mobiliser (infinitive) and mobilisation.
    assert.equal(stemLatin('mobilisés', 'fr'), 'mobilis');
    assert.equal(stemLatin('mobiliser', 'fr'), 'mobilis');
    assert.equal(stemLatin('mobilisation', 'fr'), 'mobilis');
    assert.equal(stemLatin('écoles', 'fr'), stemLatin('école', 'fr'));
  });

  it('Spanish (Snowball): plurals and verb forms', () => {
    assert.equal(stemLatin('discriminaciones', 'es'), stemLatin('discriminación', 'es'));
    assert.equal(stemLatin('movilizados', 'es'), stemLatin('movilizar', 'es'));
    assert.equal(stemLatin('viviendas', 'es'), stemLatin('vivienda', 'es'));
  });

  it('Arabic: light stems without article or conjunction, and the root', () => {
    assert.equal(stripArabicArticle('المكتبة'), 'مكتبة');
    assert.equal(stripArabicArticle('والمكتبة'), 'مكتبة');
    assert.equal(stripArabicArticle('ال'), 'ال');
    const libraries = stemArabic('المكتبات');
    assert.ok(libraries.light.includes('مكتب'));
    assert.equal(libraries.root, 'كتب');
    assert.ok(stemArabic('والمكتبة').light.includes('مكتب'));
    assert.deepEqual(stemArabic('التطرف').light, ['تطرف']);
    assert.ok(stemArabic('المتطرفون').light.includes('متطرف'));
  });
});
