import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { extractText } from '../../../server/files/extractText.js';
import { pdfPreviewPages, pdfText } from '../../../server/files/pdfTools.js';
import { resetDatabase } from '../../support/database.js';
import { pdf, pdfWithText, store } from './fixtures.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('server/files/pdfTools (Poppler, for the words and the previews of PDFs)', () => {
  before(async () => {
    const found = spawnSync('pdftoppm', ['-v']);
    assert.ok(!found.error, 'Poppler is needed by the PDF tests: apt-get install poppler-utils');
    await resetDatabase();
  });

  it('reads the words of every page, also through extractText', async () => {
    const { key, length } = await store(
      pdfWithText(['Mediation circles in four wards', 'Youth exchange minutes']),
    );
    const text = await pdfText('uploads', key);
    assert.match(text, /Mediation circles in four wards/);
    assert.match(text, /Youth exchange minutes/);
    assert.equal(await extractText('uploads', key, length, 'pdf'), text);
  });

  it('draws the first pages as small PNG images, in page order, no more than asked', async () => {
    const { key } = await store(pdfWithText(['One', 'Two', 'Three', 'Four']));
    const pages = await pdfPreviewPages('uploads', key, 3);
    assert.equal(pages.length, 3);
    for (const page of pages) {
      assert.deepEqual(page.subarray(0, 8), PNG);
      assert.ok(page.length < 200_000, `a light image (${page.length} bytes)`);
    }
  });

  it('gives no words and no pages for an empty or damaged PDF, without throwing', async () => {
    const empty = await store(pdf());
    assert.equal(await pdfText('uploads', empty.key), '');
    const damaged = await store(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4000, 0x41)]));
    assert.equal(await pdfText('uploads', damaged.key), '');
    assert.deepEqual(await pdfPreviewPages('uploads', damaged.key, 3), []);
  });
});
