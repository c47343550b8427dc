import assert from 'node:assert/strict';
import { escapeHtml, snippet, wordMatcher } from '../../../shared/search/snippet.js';
import { queryTerms } from '../../../shared/search/tokens.js';

describe('search snippets', () => {
  it('escapes HTML and marks the matching words only', () => {
    const matches = wordMatcher(queryTerms('school'), 'en');
    const html = snippet('<script>alert("x")</script> Schools & <b>youth</b>', matches);
    assert.equal(
      html,
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Schools</mark> &amp; &lt;b&gt;youth&lt;/b&gt;',
    );
    assert.equal(escapeHtml(`'"<>&`), '&#39;&quot;&lt;&gt;&amp;');
  });

  it('starts near the first match in a long text, with ellipses', () => {
    const text = `${'filler words here. '.repeat(40)}The libraries open on Sunday. ${'more text. '.repeat(40)}`;
    const html = snippet(text, wordMatcher(queryTerms('library'), 'en'), 120);
    assert.match(html, /^… /);
    assert.match(html, / …$/);
    assert.match(html, /<mark>libraries<\/mark>/);
    assert.ok(html.length < 200);
  });

  it('marks inflected and Arabic root matches', () => {
    assert.match(
      snippet('Les habitants mobilisés', wordMatcher(queryTerms('mobiliser'), 'fr')),
      /<mark>mobilisés<\/mark>/,
    );
    assert.match(snippet('افتتاح المكتبات', wordMatcher(queryTerms('كتب'), 'ar')), /<mark>المكتبات<\/mark>/);
  });

  it('shows the start of the text when nothing matches', () => {
    assert.equal(
      snippet('Hello   world', () => false),
      'Hello world',
    );
  });
});
