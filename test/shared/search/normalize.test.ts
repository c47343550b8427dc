import assert from 'node:assert/strict';
import {
  caseFold,
  foldArabic,
  foldWord,
  isArabicWord,
  prepareArabic,
  splitWords,
} from '../../../shared/search/normalize.js';

describe('search normalisation', () => {
  it('folds accents and case (NFKD, marks removed), ligatures included', () => {
    assert.equal(foldWord(caseFold('ÉCOLE')), 'ecole');
    assert.equal(foldWord(caseFold('Ñandú')), 'nandu');
    assert.equal(foldWord(caseFold('Straße')), 'strasse');
    assert.equal(foldWord(caseFold('cœur')), 'coeur');
    // Decomposed input (e + combining acute) folds like the composed one.
    assert.equal(foldWord(caseFold('e\u0301cole')), foldWord(caseFold('\u00e9cole')));
    // Full-width letters (NFKC) become ASCII.
    assert.equal(foldWord(caseFold('ＣＩＴＹ')), 'city');
  });

  it('removes harakat and tatweel and unifies alef forms before stemming, keeping ta marbuta', () => {
    // مَكْتَبَةٌ with harakat and tanwin; مكتبـــة with tatweel.
    assert.equal(prepareArabic('مَكْتَبَةٌ'), 'مكتبة');
    assert.equal(prepareArabic('مكتبـــة'), 'مكتبة');
    for (const alef of ['أ', 'إ', 'آ', 'ٱ']) assert.equal(prepareArabic(`${alef}من`), 'امن');
  });

  it('folds ى to ي and ة to ه for the stored form', () => {
    assert.equal(foldArabic('مستشفى'), 'مستشفي');
    assert.equal(foldArabic('مدرسة'), 'مدرسه');
    assert.equal(foldWord('إِسْلَامٌ'), 'اسلام');
  });

  it('drops format characters (bidi controls, zero-width joiners) so they cannot split or hide words', () => {
    assert.deepEqual(splitWords(caseFold('ci\u200bty \u202ehidden\u202c \u2066word\u2069')), [
      'city',
      'hidden',
      'word',
    ]);
  });

  it('splits on punctuation and apostrophes, keeping letters, digits and marks together', () => {
    assert.deepEqual(splitWords(caseFold("L'école, 2024: jeunes-filles!")), [
      'l',
      'école',
      '2024',
      'jeunes',
      'filles',
    ]);
    assert.deepEqual(splitWords(caseFold('$where .*+? {"$ne": 1} ((( )))')), ['where', 'ne', '1']);
    assert.deepEqual(splitWords(caseFold('!!! ... ???')), []);
  });

  it('tells Arabic script from Latin', () => {
    assert.equal(isArabicWord('مدينة'), true);
    assert.equal(isArabicWord('ville'), false);
  });
});
