/**
 * Uploaders' file names made safe: no folders, no control or bidirectional characters, no loose dots
 * or spaces, NFC, at most 180 characters with the extension kept, no Windows device names.
 */
import assert from 'node:assert/strict';
import { MAX_NAME_CHARACTERS, safeFileName } from '../../../server/files/fileName.js';

const name = (raw: string) => {
  const safe = safeFileName(raw);
  assert.ok(safe.ok, `${JSON.stringify(raw)} was refused`);
  return safe;
};

describe('safe file names', () => {
  it('keeps an ordinary name and its lower-case extension', () => {
    assert.deepEqual(safeFileName('Minutes 2024-05.PDF'), {
      ok: true,
      name: 'Minutes 2024-05.PDF',
      extension: 'pdf',
    });
    assert.deepEqual(safeFileName('README'), { ok: true, name: 'README', extension: '' });
    assert.equal(name('archive.tar.gz').extension, 'gz');
  });

  it('drops folders, Unix and Windows alike', () => {
    assert.equal(name('../../etc/passwd').name, 'passwd');
    assert.equal(name('C:\\Users\\x\\evil.pdf').name, 'evil.pdf');
    assert.equal(name('a/b\\c/d.txt').name, 'd.txt');
  });

  it('removes bidirectional controls, so a name shows as what it is', () => {
    const safe = name('invoice\u202Efdp.exe');
    assert.equal(safe.name, 'invoicefdp.exe');
    assert.equal(safe.extension, 'exe');
    for (const control of [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
    ])
      assert.equal(name(`a${control}b.txt`).name, 'ab.txt');
  });

  it('removes control characters (C0, DEL, C1)', () => {
    assert.equal(name('re\u0000port\u0007\u001F\u007F\u0085\u009F.pdf').name, 'report.pdf');
    assert.equal(name('line\nbreak\r.txt').name, 'linebreak.txt');
  });

  it('trims spaces and dots at both ends', () => {
    assert.equal(name('  ..report.pdf. . ').name, 'report.pdf');
    assert.equal(name('report.pdf...').extension, 'pdf');
  });

  it('normalises to NFC', () => {
    const safe = name('caf\u0065\u0301.txt');
    assert.equal(safe.name, 'caf\u00e9.txt');
    assert.equal(safe.name.length, 'café.txt'.length);
  });

  it('caps long names at 180 characters, keeping the extension', () => {
    const safe = name(`${'a'.repeat(300)}.docx`);
    assert.equal(Array.from(safe.name).length, MAX_NAME_CHARACTERS);
    assert.ok(safe.name.endsWith('.docx'));
    assert.equal(safe.extension, 'docx');
    // characters outside the BMP are not cut in half
    const emoji = name(`${'😀'.repeat(300)}.pdf`);
    assert.equal(Array.from(emoji.name).length, MAX_NAME_CHARACTERS);
    assert.ok(emoji.name.endsWith('😀.pdf'));
    assert.doesNotThrow(() => encodeURIComponent(emoji.name));
    // without an extension
    assert.equal(name('b'.repeat(300)).name.length, MAX_NAME_CHARACTERS);
  });

  it('refuses Windows device names, with or without extension, in any case', () => {
    for (const raw of [
      'CON',
      'con.txt',
      'PRN.pdf',
      'aux',
      'NUL.tar.gz',
      'COM1.doc',
      'com9',
      'LPT1.txt',
      'lpt9.md',
      'CON .txt',
    ])
      assert.deepEqual(safeFileName(raw), { ok: false, reason: 'reserved_name' }, raw);
    assert.equal(name('CONTRACT.pdf').name, 'CONTRACT.pdf');
    assert.equal(name('COM10.txt').name, 'COM10.txt');
    assert.equal(name('console.log').name, 'console.log');
  });

  it('refuses names with nothing left', () => {
    for (const raw of ['', '..', '.', ' . ', '/', 'a/', '\u202E\u200F', '\u0000\u0001', '../..'])
      assert.deepEqual(safeFileName(raw), { ok: false, reason: 'empty_name' }, JSON.stringify(raw));
  });
});
