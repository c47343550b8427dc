import assert from 'node:assert/strict';
import { extractText, MAX_EXTRACTED_CHARS, xmlText } from '../../../server/files/extractText.js';
import { resetDatabase } from '../../support/database.js';
import { buildZip, docx, pdf, store } from './fixtures.js';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const slide = (words: string) =>
  `${XML}<p:sld xmlns:a="a" xmlns:p="p"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>${words}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>`;

describe('server/files/extractText (words of stored files, for the search index)', () => {
  before(resetDatabase);

  const wordsOf = async (bytes: Buffer, kind: string) => {
    const { key, length } = await store(bytes);
    return extractText('uploads', key, length, kind);
  };

  it('reads the paragraphs of a Word document, its headers included, with entities decoded', async () => {
    const text = await wordsOf(
      docx([
        {
          name: 'word/header1.xml',
          data: `${XML}<w:hdr xmlns:w="w"><w:p><w:r><w:t>Safe &amp; sound &#x62E;&#1591;&#x629;</w:t></w:r></w:p></w:hdr>`,
        },
      ]),
      'docx',
    );
    assert.equal(text, 'Minutes of the working group\nSafe & sound خطة');
  });

  it('reads slides in their order (slide10 after slide2), and skips a damaged part', async () => {
    const text = await wordsOf(
      buildZip([
        { name: 'ppt/slides/slide10.xml', data: slide('Tenth') },
        { name: 'ppt/slides/slide2.xml', data: slide('Second') },
        {
          name: 'ppt/slides/slide3.xml',
          raw: { compressed: Buffer.from([0xff, 0xfe, 0xfd, 0xfc, 0x00, 0x01]), size: 100, crc: 0 },
        },
        { name: 'ppt/media/image1.xml', data: slide('Not a slide') },
      ]),
      'pptx',
    );
    assert.match(text, /^Second\n(.*\n)?Tenth$/s);
    assert.ok(!text.includes('Not a slide'));
  });

  it('reads an OpenDocument text and a spreadsheet’s shared strings', async () => {
    const odtText = await wordsOf(
      buildZip([
        { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true },
        {
          name: 'content.xml',
          data: `${XML}<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text><text:h>Plan de acción</text:h><text:p>Prevención &lt;local&gt;</text:p></office:text></office:body></office:document-content>`,
        },
      ]),
      'odt',
    );
    assert.equal(odtText, 'Plan de acción\nPrevención <local>');
    const xlsxText = await wordsOf(
      buildZip([
        {
          name: 'xl/sharedStrings.xml',
          data: `${XML}<sst><si><t>Mombasa</t></si><si><t>Kisumu</t></si></sst>`,
        },
      ]),
      'xlsx',
    );
    assert.equal(xlsxText, 'Mombasa\nKisumu');
  });

  it('reads the start of a text file, capped, without a broken character at the cut', async () => {
    assert.equal(await wordsOf(Buffer.from('Réseau local — شبكة', 'utf8'), 'txt'), 'Réseau local — شبكة');
    const long = await wordsOf(Buffer.from('é'.repeat(MAX_EXTRACTED_CHARS * 3), 'utf8'), 'md');
    assert.equal(long.length, MAX_EXTRACTED_CHARS);
    assert.ok(!long.includes('\uFFFD'));
  });

  it('gives nothing for PDF, images and empty files', async () => {
    assert.equal(await wordsOf(pdf(), 'pdf'), '');
    assert.equal(await wordsOf(Buffer.alloc(0), 'txt'), '');
  });

  it('turns markup into words only', () => {
    assert.equal(
      xmlText('<a:p><a:t>One</a:t></a:p><a:p><a:t>Two &quot;2&quot; &bogus;</a:t></a:p>'),
      'One\nTwo "2"',
    );
  });
});
