/**
 * The documents area's pure helpers (client/src/pages/documents/uploadHelpers.ts, documentRefusal.ts):
 * sizes and percentages in the reader's locale, progress milestones, a title from a file name, tags,
 * the tus metadata of a new document and of a new version, the resume fingerprint, and refusals (a tus
 * answer's problem document, a file's reason) said in the four languages with the real strings.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import { documentRefusal, sourceOfTusResponse } from '../../client/src/pages/documents/documentRefusal.js';
import {
  FILE_REASONS,
  formatBytes,
  formatPercent,
  isSettled,
  newDocumentMetadata,
  newVersionMetadata,
  nextMilestone,
  percentOf,
  reasonKey,
  sameMetadata,
  splitTags,
  tagsProblem,
  titleFromFileName,
  uploadFingerprint,
} from '../../client/src/pages/documents/uploadHelpers.js';

const LANGUAGES = ['en', 'fr', 'ar', 'es'] as const;

const read = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../client/src/locales/${file}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

describe('documents: upload helpers', () => {
  it('says sizes in the reader’s locale, in bytes up to gigabytes', () => {
    assert.equal(formatBytes(512, 'en'), '512 bytes');
    assert.equal(formatBytes(1, 'en'), '1 byte');
    assert.equal(formatBytes(1_500, 'en'), '1.5 kB');
    assert.equal(formatBytes(6_000_000, 'en'), '6 MB');
    assert.equal(formatBytes(6_250_000, 'fr').replace(/\s/g, ' '), '6,3 Mo');
    assert.equal(formatBytes(104_857_600, 'en'), '104.9 MB');
    assert.equal(formatBytes(2_000_000_000, 'es').replace(/\s/g, ' '), '2 GB');
    assert.notEqual(formatBytes(6_000_000, 'ar'), formatBytes(6_000_000, 'en'));
    assert.equal(formatBytes(-3, 'en'), '0 bytes');
  });

  it('counts whole percentages and announces every 10 % once', () => {
    assert.equal(percentOf(0, 0), 0);
    assert.equal(percentOf(1, 3), 33);
    assert.equal(percentOf(7, 5), 100);
    assert.equal(formatPercent(42, 'en'), '42%');
    assert.equal(formatPercent(42, 'fr').replace(/\s/g, ' '), '42 %');
    assert.equal(nextMilestone(9, 0), null);
    assert.equal(nextMilestone(10, 0), 10);
    assert.equal(nextMilestone(19, 10), null);
    assert.equal(nextMilestone(57, 10), 50, 'a jump is announced once, at the highest milestone passed');
    assert.equal(nextMilestone(100, 90), 100);
  });

  it('makes a title from a file name without its extension', () => {
    assert.equal(titleFromFileName('Action plan 2026.pdf'), 'Action plan 2026');
    assert.equal(titleFromFileName('report.v2.docx'), 'report.v2');
    assert.equal(titleFromFileName('.hidden'), '.hidden');
    assert.equal(titleFromFileName('README'), 'README');
    assert.equal(titleFromFileName('C:\\fakepath\\خطة العمل.txt'), 'خطة العمل');
    assert.equal(titleFromFileName(`${'a'.repeat(250)}.txt`).length, 200);
  });

  it('splits tags at Latin and Arabic commas, without blanks or repeats', () => {
    assert.deepEqual(splitTags(' youth, schools ,, Youth,  action   plan '), [
      'youth',
      'schools',
      'action plan',
    ]);
    assert.deepEqual(splitTags('الشباب، المدارس'), ['الشباب', 'المدارس']);
    assert.deepEqual(splitTags(''), []);
    assert.equal(tagsProblem(['a', 'b']), null);
    assert.equal(tagsProblem(Array.from({ length: 21 }, (_, i) => `t${i}`)), 'tooMany');
    assert.equal(tagsProblem(['x'.repeat(41)]), 'tooLong');
  });

  it('builds the tus metadata of a new document and of a new version, leaving out empty fields', () => {
    assert.deepEqual(
      newDocumentMetadata({
        space: 'nairobi-youth',
        fileName: 'plan.txt',
        title: '  Plan  ',
        label: 'GREEN',
        description: '',
        language: 'fr',
        tags: ['youth', 'schools'],
      }),
      {
        space: 'nairobi-youth',
        title: 'Plan',
        label: 'GREEN',
        filename: 'plan.txt',
        language: 'fr',
        tags: 'youth,schools',
      },
    );
    assert.deepEqual(
      newDocumentMetadata({ space: 's1', fileName: 'a.pdf', title: 'A', label: 'RED', tags: [] }),
      { space: 's1', title: 'A', label: 'RED', filename: 'a.pdf' },
    );
    assert.deepEqual(
      newVersionMetadata({
        document: 'a'.repeat(24),
        fileName: 'plan-v2.txt',
        note: 'Q2 figures',
        label: '',
      }),
      { document: 'a'.repeat(24), filename: 'plan-v2.txt', note: 'Q2 figures' },
    );
    assert.deepEqual(newVersionMetadata({ document: 'b'.repeat(24), fileName: 'x.txt', label: 'AMBER' }), {
      document: 'b'.repeat(24),
      filename: 'x.txt',
      label: 'AMBER',
    });
  });

  it('resumes only the same person’s upload of the same file, to the same place, with the same fields', () => {
    const file = { name: 'plan.txt', type: 'text/plain', size: 6_000_000, lastModified: 1_700_000_000_000 };
    const one = uploadFingerprint('p1', 'space:nairobi', file);
    assert.equal(one, uploadFingerprint('p1', 'space:nairobi', { ...file }));
    assert.notEqual(one, uploadFingerprint('p2', 'space:nairobi', file));
    assert.notEqual(one, uploadFingerprint('p1', 'space:lyon', file));
    assert.notEqual(one, uploadFingerprint('p1', 'space:nairobi', { ...file, lastModified: 1 }));
    assert.ok(sameMetadata({ a: '1', b: '2' }, { b: '2', a: '1' }));
    assert.ok(!sameMetadata({ a: '1' }, { a: '1', b: '2' }));
    assert.ok(!sameMetadata({ a: '1', b: '2' }, { a: '1', b: '3' }));
  });

  it('knows which file statuses are final', () => {
    assert.ok(!isSettled('receiving'));
    assert.ok(!isSettled('scanning'));
    for (const status of ['clean', 'infected', 'unscannable', 'refused'] as const)
      assert.ok(isSettled(status));
    assert.equal(reasonKey('html'), 'documents.reasons.html');
    assert.equal(reasonKey('something_new'), 'documents.reasons.other');
    assert.equal(reasonKey(null), 'documents.reasons.other');
  });

  it('reads a tus answer as a problem document, or as its status alone', () => {
    assert.deepEqual(sourceOfTusResponse(0, undefined), { code: 'network', status: 0 });
    assert.deepEqual(
      sourceOfTusResponse(
        403,
        JSON.stringify({
          title: 'Forbidden',
          status: 403,
          code: 'label_above_ceiling',
          params: { label: 'RED', ceiling: 'AMBER', space: 'Hub' },
          detail: 'TLP:RED is above…',
        }),
      ),
      {
        status: 403,
        code: 'label_above_ceiling',
        params: { label: 'RED', ceiling: 'AMBER', space: 'Hub' },
        detail: 'TLP:RED is above…',
      },
    );
    assert.deepEqual(sourceOfTusResponse(502, '<html>Bad gateway</html>'), { status: 502 });
    assert.deepEqual(sourceOfTusResponse(460, ''), { status: 460 });
  });
});

describe('documents: refusals in the reader’s language', () => {
  const ts = new Map<string, TFunction>();

  before(async () => {
    const instance = i18next.createInstance();
    await instance.init({
      lng: 'en',
      fallbackLng: 'en',
      resources: Object.fromEntries(
        LANGUAGES.map((l) => [l, { translation: { ...read(`${l}.json`), ...read(`documents/${l}.json`) } }]),
      ),
      interpolation: { escapeValue: false },
    });
    for (const language of LANGUAGES) ts.set(language, instance.getFixedT(language));
  });

  const t = (language: string) => ts.get(language) as TFunction;

  it('says the upload refusals of its own (scanner, size) with the limit, in each language', () => {
    for (const language of LANGUAGES) {
      const scanner = documentRefusal(
        sourceOfTusResponse(503, JSON.stringify({ code: 'scanner_unavailable' })),
        t(language),
      );
      assert.equal(scanner.detail, null);
      assert.equal(scanner.text, t(language)('documents.refusals.scanner_unavailable'));
      const size = documentRefusal({ status: 413 }, t(language), { maxBytes: 104_857_600, locale: language });
      assert.ok(size.text.includes(formatBytes(104_857_600, language)), `${language}: ${size.text}`);
      assert.doesNotMatch(size.text, /\{\{/, language);
      const named = documentRefusal(
        { code: 'too_large', status: 413, params: { maxBytes: 5_000_000 } },
        t(language),
        {
          maxBytes: 104_857_600,
          locale: 'en',
        },
      );
      assert.match(named.text, /5 MB/, `${language}: the limit the refusal names wins`);
    }
    assert.notEqual(
      documentRefusal({ code: 'scanner_unavailable' }, t('fr')).text,
      documentRefusal({ code: 'scanner_unavailable' }, t('en')).text,
    );
  });

  it('says every file reason, and leaves the rest to the shared road (label above the ceiling)', () => {
    for (const language of LANGUAGES)
      for (const code of [...FILE_REASONS, 'other']) {
        const text = t(language)(`documents.reasons.${code}`);
        assert.notEqual(text, `documents.reasons.${code}`, `${language}: ${code}`);
      }
    const refusal = documentRefusal(
      { code: 'label_above_ceiling', status: 403, params: { label: 'RED', ceiling: 'AMBER', space: 'Hub' } },
      t('es'),
    );
    assert.match(refusal.text, /TLP:RED/);
    assert.match(refusal.text, /TLP:AMBER/);
    // A file refused when its last chunk is checked: the reason, in a sentence of its own.
    assert.equal(
      documentRefusal({ code: 'executable', status: 400 }, t('ar')).text,
      `رُفض الملف: ${t('ar')('documents.reasons.executable')}`,
    );
    assert.equal(
      documentRefusal({ code: 'html', status: 400 }, t('en')).text,
      'The file was refused: the file is a web page, which could run code in readers’ browsers. Save it as PDF instead.'.replace(
        '’',
        "'",
      ),
    );
    assert.match(documentRefusal({ code: 'file_infected', status: 400 }, t('fr')).text, /modérateurs/);
    assert.equal(
      documentRefusal({ code: 'network', status: 0 }, t('en')).text,
      t('en')('refusals.codes.network'),
    );
  });
});
