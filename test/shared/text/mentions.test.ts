import assert from 'node:assert/strict';
import { extractMentionIds, mentionMarkdown, MAX_MENTIONS } from '../../../shared/text/mentions.js';

const A = '65f0c0ffee0000000000beef';
const B = '65f0c0ffee0000000000cafe';

describe('shared/text/mentions', () => {
  it('extracts distinct mentioned ids in order', () => {
    const text = `Hello ${mentionMarkdown(A, 'Amina')} and ${mentionMarkdown(B, 'Luis')}, again ${mentionMarkdown(A, 'Amina')}`;
    assert.deepEqual(extractMentionIds(text), [A, B]);
  });

  it('ignores look-alikes: other schemes, short ids, upper case hex', () => {
    const text = `[@x](https://example.org) [@y](mention:1234) [@z](mention:${A.toUpperCase()})`;
    assert.deepEqual(extractMentionIds(text), []);
  });

  it('caps the number of mentions', () => {
    const ids = Array.from({ length: MAX_MENTIONS + 5 }, (_, i) => i.toString(16).padStart(24, '0'));
    const text = ids.map((id) => mentionMarkdown(id, 'p')).join(' ');
    assert.equal(extractMentionIds(text).length, MAX_MENTIONS);
  });

  it('strips brackets from names so the link stays well formed', () => {
    assert.equal(mentionMarkdown(A, 'A [b] c'), `[@A b c](mention:${A})`);
    assert.deepEqual(extractMentionIds(mentionMarkdown(A, ']](x')), [A]);
  });
});
