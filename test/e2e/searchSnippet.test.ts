/**
 * The search page's snippet reader (client/src/pages/search/Highlighted.tsx): escaped text with
 * `<mark>` becomes text pieces; no other markup survives as markup.
 */
import assert from 'node:assert/strict';
import { decodeEntities, markedPieces } from '../../client/src/pages/search/Highlighted.js';

describe('search snippets', () => {
  it('splits at <mark> and decodes the escaper’s entities', () => {
    assert.deepEqual(
      markedPieces('Our city <mark>trained</mark> &lt;b&gt;x&lt;/b&gt; &amp; &quot;q&quot; &#39;s'),
      [
        { text: 'Our city ', marked: false },
        { text: 'trained', marked: true },
        { text: ' <b>x</b> & "q" \'s', marked: false },
      ],
    );
  });

  it('keeps any other markup as text, and unknown entities as written', () => {
    assert.deepEqual(markedPieces('<img src=x onerror=alert(1)><mark>a</mark>'), [
      { text: '<img src=x onerror=alert(1)>', marked: false },
      { text: 'a', marked: true },
    ]);
    assert.equal(decodeEntities('&nbsp;&bogus;&#x1F600;&#0;'), '&nbsp;&bogus;😀&#0;');
  });
});
