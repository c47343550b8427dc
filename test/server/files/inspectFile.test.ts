/**
 * The checks from the bytes, on files stored in the real test database: real minimal documents and
 * images pass; disguised programs, web pages, scripted SVG, macros, ZIP bombs, deep nesting, huge
 * images, bad text and names that lie are refused with their codes.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_INSPECTION_LIMITS,
  inspectStoredFile,
  type Inspection,
  type RefusalCode,
} from '../../../server/files/inspectFile.js';
import { buildZip, docm, docx, jpeg, odt, ole2, pdf, png, store, zerosDeflated } from './fixtures.js';

async function inspect(
  bytes: Buffer,
  extension: string,
  limits = DEFAULT_INSPECTION_LIMITS,
): Promise<Inspection> {
  const { key, length } = await store(bytes);
  return inspectStoredFile('uploads', key, length, extension, limits);
}

async function accepts(bytes: Buffer, extension: string, kind: string, legacyOffice = false): Promise<void> {
  const inspection = await inspect(bytes, extension);
  assert.ok(inspection.ok, `refused: ${JSON.stringify(inspection)}`);
  assert.equal(inspection.kind, kind);
  assert.equal(inspection.legacyOffice, legacyOffice);
}

async function refuses(
  bytes: Buffer,
  extension: string,
  code: RefusalCode,
  limits = DEFAULT_INSPECTION_LIMITS,
) {
  const inspection = await inspect(bytes, extension, limits);
  assert.ok(!inspection.ok, `accepted as ${JSON.stringify(inspection)}`);
  assert.equal(inspection.code, code, inspection.detail);
  assert.match(inspection.detail, /^[A-Z].*\.$/, 'one English sentence');
}

const HTML = '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>';

describe('inspecting stored files', function () {
  this.timeout(120_000);

  describe('what we take', () => {
    it('a real minimal PDF', async () => {
      await accepts(pdf(), 'pdf', 'pdf');
      const inspection = await inspect(pdf(), 'pdf');
      assert.deepEqual(inspection, {
        ok: true,
        kind: 'pdf',
        mediaType: 'application/pdf',
        legacyOffice: false,
      });
    });

    it('a real minimal Word document (.docx)', async () => {
      await accepts(docx(), 'docx', 'docx');
    });

    it('a Word document with an embedded spreadsheet (one level of nesting)', async () => {
      const sheet = buildZip([
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'xl/workbook.xml', data: '<w/>' },
      ]);
      await accepts(
        docx([{ name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', data: sheet }]),
        'docx',
        'docx',
      );
    });

    it('an OpenDocument text (.odt)', async () => {
      await accepts(odt(), 'odt', 'odt');
      await accepts(odt([], 'application/vnd.oasis.opendocument.spreadsheet'), 'ods', 'ods');
      // the library index LibreOffice may keep without any macro
      await accepts(odt([{ name: 'Basic/script-lc.xml', data: '<library:libraries/>' }]), 'odt', 'odt');
    });

    it('legacy Office files, flagged', async () => {
      await accepts(
        ole2([
          { name: 'WordDocument', type: 2 },
          { name: '1Table', type: 2 },
        ]),
        'doc',
        'doc',
        true,
      );
      await accepts(ole2([{ name: 'Workbook', type: 2 }]), 'xls', 'xls', true);
      await accepts(ole2([{ name: 'PowerPoint Document', type: 2 }]), 'ppt', 'ppt', true);
    });

    it('images, their size read from the header', async () => {
      await accepts(png(16, 16), 'png', 'png');
      await accepts(jpeg(640, 480), 'jpg', 'jpeg');
      await accepts(jpeg(640, 480), 'jpeg', 'jpeg');
      const gif = Buffer.concat([
        Buffer.from('GIF89a'),
        Buffer.from([0x20, 0x00, 0x20, 0x00]),
        Buffer.alloc(20),
      ]);
      await accepts(gif, 'gif', 'gif');
      const webp = Buffer.alloc(40);
      webp.write('RIFF', 0, 'latin1');
      webp.writeUInt32LE(32, 4);
      webp.write('WEBPVP8X', 8, 'latin1');
      webp.writeUIntLE(99, 24, 3);
      webp.writeUIntLE(49, 27, 3);
      await accepts(webp, 'webp', 'webp');
    });

    it('UTF-8 text as .txt, .csv and .md', async () => {
      await accepts(Buffer.from('Hello, wörld — ünïcödé ✓\n'), 'txt', 'txt');
      await accepts(Buffer.from('\uFEFFcity,members\nLyon,12\n'), 'csv', 'csv');
      await accepts(Buffer.from('# Notes\n\n- one\n'), 'md', 'md');
      await accepts(Buffer.from('# Notes\n'), 'markdown', 'md');
      // a multi-byte character across the 1 MiB read windows
      const long = Buffer.concat([Buffer.alloc(1024 * 1024 - 1, 0x61), Buffer.from('é and more\n')]);
      await accepts(long, 'txt', 'txt');
    });
  });

  describe('what we refuse', () => {
    it('an empty file', async () => {
      const { key } = await store(Buffer.alloc(0));
      const inspection = await inspectStoredFile('uploads', key, 0, 'pdf');
      assert.deepEqual(inspection.ok ? null : inspection.code, 'empty_file');
    });

    it('a program renamed .pdf, whatever its kind', async () => {
      const mz = Buffer.concat([
        Buffer.from('MZ'),
        Buffer.alloc(62),
        Buffer.from('PE\0\0'),
        randomBytes(500),
      ]);
      await refuses(mz, 'pdf', 'executable');
      await refuses(
        Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), randomBytes(100)]),
        'txt',
        'executable',
      );
      await refuses(
        Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), randomBytes(100)]),
        'doc',
        'executable',
      );
      await refuses(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'txt', 'executable');
    });

    it('HTML, whatever the extension', async () => {
      await refuses(Buffer.from(HTML), 'pdf', 'html');
      await refuses(Buffer.from(`\uFEFF  \n${HTML}`), 'txt', 'html');
      await refuses(Buffer.from('<!-- note --><HTML><body>x</body></HTML>'), 'md', 'html');
      await refuses(Buffer.from('<script src="https://evil.example/x.js"></script>'), 'csv', 'html');
    });

    it('SVG: with scripts or handlers as such, otherwise as not allowed', async () => {
      const scripted =
        '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
      await refuses(Buffer.from(scripted), 'svg', 'svg_script');
      await refuses(
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        'png',
        'svg_script',
      );
      await refuses(
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'),
        'svg',
        'type_not_allowed',
      );
      await refuses(
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'),
        'txt',
        'type_not_allowed',
      );
    });

    it('macros: a .docm renamed .docx, a VBA project anywhere, OpenDocument Basic, legacy VBA storages', async () => {
      await refuses(docm(), 'docx', 'macro_enabled');
      await refuses(docx([{ name: 'customXml/vbaProject.bin', data: 'x' }]), 'docx', 'macro_enabled');
      await refuses(
        odt([{ name: 'Basic/Standard/Module1.xml', data: '<script:module/>' }]),
        'odt',
        'macro_enabled',
      );
      await refuses(odt([{ name: 'Scripts/python/evil.py', data: 'import os' }]), 'odt', 'macro_enabled');
      await refuses(
        ole2([
          { name: 'WordDocument', type: 2 },
          { name: 'Macros', type: 1 },
          { name: 'VBA', type: 1 },
        ]),
        'doc',
        'macro_enabled',
      );
      await refuses(
        ole2([
          { name: 'Workbook', type: 2 },
          { name: '_VBA_PROJECT_CUR', type: 1 },
        ]),
        'xls',
        'macro_enabled',
      );
      // a macro document hidden inside a document
      await refuses(docx([{ name: 'word/embeddings/sheet.docm', data: docm() }]), 'docx', 'macro_enabled');
    });

    it('a ZIP bomb: 200 MB of zeros in one entry', async () => {
      const bomb = buildZip([
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'word/document.xml', raw: await zerosDeflated(200 * 1024 * 1024) },
      ]);
      assert.ok(bomb.length < 1024 * 1024, `the bomb is ${bomb.length} bytes`);
      await refuses(bomb, 'docx', 'archive_bomb');
    });

    it('a ZIP that claims more than the total allowed, or too many entries', async () => {
      const limits = { ...DEFAULT_INSPECTION_LIMITS, maxArchiveBytes: 10_000, maxArchiveEntries: 5 };
      await refuses(
        docx([{ name: 'word/big.xml', data: randomBytes(20_000) }]),
        'docx',
        'archive_bomb',
        limits,
      );
      const many = docx(Array.from({ length: 5 }, (_, i) => ({ name: `word/part${i}.xml`, data: '<p/>' })));
      await refuses(many, 'docx', 'archive_bomb', limits);
    });

    it('a directory that lies about sizes is caught while inflating', async () => {
      const types = buildZip([
        { name: '[Content_Types].xml', data: `<Types>${' '.repeat(6 * 1024 * 1024)}</Types>` },
      ]);
      // rewrite the declared sizes to look tiny (both headers), keeping the real deflated data
      const lying = Buffer.from(types);
      lying.writeUInt32LE(100, 22); // local header: uncompressed size
      const central = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      lying.writeUInt32LE(100, central + 24);
      await refuses(lying, 'docx', 'archive_bomb');
    });

    it('archives nested deeper than allowed', async () => {
      const innermost = buildZip([{ name: 'note.txt', data: 'deep' }]);
      const middle = buildZip([{ name: 'inner.zip', data: innermost }]);
      await refuses(docx([{ name: 'word/embeddings/outer.zip', data: middle }]), 'docx', 'archive_too_deep');
      const limits = { ...DEFAULT_INSPECTION_LIMITS, maxArchiveDepth: 3 };
      const inspection = await inspect(
        docx([{ name: 'word/embeddings/outer.zip', data: middle }]),
        'docx',
        limits,
      );
      assert.ok(inspection.ok, JSON.stringify(inspection));
    });

    it('other archives and compressed files', async () => {
      await refuses(buildZip([{ name: 'report.pdf', data: pdf() }]), 'zip', 'type_not_allowed');
      await refuses(buildZip([{ name: 'report.pdf', data: pdf() }]), 'docx', 'type_not_allowed');
      await refuses(
        Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), randomBytes(100)]),
        'gz',
        'type_not_allowed',
      );
      await refuses(
        Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), randomBytes(100)]),
        '7z',
        'type_not_allowed',
      );
      await refuses(
        Buffer.concat([Buffer.from('Rar!\x1a\x07\x00', 'latin1'), randomBytes(100)]),
        'rar',
        'type_not_allowed',
      );
      await refuses(ole2([{ name: 'SummaryInformation', type: 2 }]), 'msi', 'type_not_allowed');
      await refuses(
        ole2([
          { name: 'EncryptionInfo', type: 2 },
          { name: 'EncryptedPackage', type: 2 },
        ]),
        'docx',
        'type_not_allowed',
      );
    });

    it('an image over the pixel limit (only its header matters)', async () => {
      await refuses(png(100_000, 100_000), 'png', 'image_too_large');
      await refuses(jpeg(60_000, 60_000), 'jpg', 'image_too_large');
      const gif = Buffer.concat([
        Buffer.from('GIF89a'),
        Buffer.from([0xff, 0xff, 0xff, 0xff]),
        Buffer.alloc(20),
      ]);
      await refuses(gif, 'gif', 'image_too_large');
    });

    it('text that is not UTF-8, or holds a NUL byte', async () => {
      await refuses(Buffer.from([0x48, 0x69, 0xff, 0xfe, 0x0a]), 'txt', 'invalid_text');
      await refuses(Buffer.from('caf\xe9 au lait\n', 'latin1'), 'csv', 'invalid_text');
      await refuses(Buffer.from('name\0value\n'), 'txt', 'invalid_text');
      await refuses(Buffer.from([0xe2, 0x82]), 'md', 'invalid_text'); // cut short at the end
      const late = Buffer.concat([Buffer.alloc(2 * 1024 * 1024, 0x61), Buffer.from([0xc3])]);
      await refuses(late, 'txt', 'invalid_text');
    });

    it('a name that lies about the kind', async () => {
      await refuses(pdf(), 'txt', 'extension_mismatch');
      await refuses(docx(), 'pdf', 'extension_mismatch');
      await refuses(png(4, 4), 'jpg', 'extension_mismatch');
      await refuses(pdf(), '', 'extension_mismatch');
      await refuses(Buffer.from('plain words\n'), 'pdf', 'extension_mismatch');
      await refuses(Buffer.from('console.log(1)\n'), 'js', 'type_not_allowed');
      await refuses(Buffer.concat([Buffer.from([0, 1, 2]), randomBytes(1000)]), 'bin', 'type_not_allowed');
    });
  });
});
