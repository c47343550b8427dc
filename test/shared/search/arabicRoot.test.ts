import assert from 'node:assert/strict';
import { arabicRoot } from '../../../shared/search/arabicRoot.js';
import { prepareArabic } from '../../../shared/search/normalize.js';

const root = (word: string) => arabicRoot(prepareArabic(word));

describe('Arabic root extraction (ISRI)', () => {
  it('reduces derived words of k-t-b (writing) to the root كتب', () => {
    // library (maf'ala), the libraries (article + plural -aat), writer (faa'il), book (fi'aal),
    // they write (imperfect with prefix ya- and suffix -uun), and the root itself.
    for (const word of ['مكتبة', 'المكتبات', 'كاتب', 'كتاب', 'يكتبون', 'كتب', 'والمكتبة'])
      assert.equal(root(word), 'كتب', word);
  });

  it('reduces d-r-s (study) and q-b-l (receive) derivations', () => {
    for (const word of ['مدرسة', 'المدارس', 'دراسة']) assert.equal(root(word), 'درس', word);
    // istif'aal: استقبال (reception) → قبل.
    assert.equal(root('استقبال'), 'قبل');
    // ifti'aal with harakat: اِجْتِمَاع (meeting) → جمع.
    assert.equal(root('اِجْتِمَاع'), 'جمع');
  });

  it('gives extremism (التطرف) and the root form طرف; extremists (متطرفين) reduce to the stem تطرف', () => {
    assert.equal(root('التطرف'), 'طرف');
    assert.equal(root('تطرف'), 'طرف');
    assert.equal(root('متطرفين'), 'تطرف');
  });

  it('leaves short words alone', () => {
    assert.equal(root('من'), 'من');
    assert.equal(root('قلب'), 'قلب');
  });
});
