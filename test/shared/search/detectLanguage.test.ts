import assert from 'node:assert/strict';
import { detectLanguage } from '../../../shared/search/detectLanguage.js';

describe('content language detection', () => {
  it('Arabic script decides Arabic', () => {
    assert.equal(detectLanguage('مكتبة المدينة', 'برامج الشباب في الأحياء'), 'ar');
  });

  it('stop words decide English, French and Spanish', () => {
    assert.equal(detectLanguage('The city council met with the youth of the district'), 'en');
    assert.equal(detectLanguage('Le conseil de la ville a rencontré les jeunes du quartier'), 'fr');
    assert.equal(detectLanguage('El consejo de la ciudad se reunió con los jóvenes del barrio'), 'es');
  });

  it('says nothing when the evidence is thin or tied', () => {
    assert.equal(detectLanguage(''), null);
    assert.equal(detectLanguage('Discriminations mobilisation 2024'), null);
    assert.equal(detectLanguage('!!!'), null);
  });

  it('a few Arabic words in a French text do not make it Arabic', () => {
    assert.equal(detectLanguage('Le programme « شباب » de la ville et les écoles du quartier'), 'fr');
  });
});
