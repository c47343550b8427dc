import assert from 'node:assert/strict';
import { inspectSource } from '../../../server/files/inspectFile.js';
import { bufferSource } from '../../../server/files/byteSource.js';
import { TextCheck } from '../../../server/files/textInspection.js';

/** The check's verdict on `bytes` fed in pieces of `size` bytes. */
function inPieces(bytes: Buffer, size: number) {
  const check = new TextCheck();
  for (let at = 0; at < bytes.length; at += size) check.push(bytes.subarray(at, at + size));
  return check.result();
}

describe('server/files/textInspection (the text check, fed as a file arrives)', () => {
  const arabic = Buffer.from('خطة العمل — plan d’action\n'.repeat(50), 'utf8');

  it('accepts UTF-8 whatever the pieces, also with a character cut between two of them', () => {
    for (const size of [1, 2, 3, 7, 64, arabic.length])
      assert.equal(inPieces(arabic, size), null, `pieces of ${size}`);
  });

  it('finds a NUL byte and invalid UTF-8 anywhere, and a character cut off at the very end', () => {
    assert.equal(inPieces(Buffer.concat([arabic, Buffer.from([0]), arabic]), 5), 'nul');
    assert.equal(inPieces(Buffer.concat([arabic, Buffer.from([0xc3, 0x28]), arabic]), 5), 'not_utf8');
    assert.equal(inPieces(Buffer.concat([arabic, Buffer.from([0xd8])]), 5), 'not_utf8');
  });

  it('lets the checks use the verdict of the bytes received instead of reading them again', async () => {
    const source = bufferSource(arabic);
    assert.equal((await inspectSource(source, 'txt')).ok, true);
    const refused = await inspectSource(source, 'txt', undefined, { textProblem: 'nul' });
    assert.equal(refused.ok, false);
    assert.equal(refused.ok ? null : refused.code, 'invalid_text');
  });

  it('never takes a name such as x.constructor for a text file', async () => {
    const found = await inspectSource(bufferSource(arabic), 'constructor');
    assert.equal(found.ok, false);
  });
});
