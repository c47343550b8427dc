import assert from 'node:assert/strict';
import { isSafeLink, renderMarkdown } from '../../../server/text/renderMarkdown.js';

describe('server/text/renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    const html = renderMarkdown('# Title\n\n**bold** and _it_\n\n- one\n- two\n\n`code`');
    assert.match(html, /<h1>Title<\/h1>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /<em>it<\/em>/);
    assert.match(html, /<li>one<\/li>/);
    assert.match(html, /<code>code<\/code>/);
  });

  it('never passes raw HTML or script through', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '<iframe src="https://evil.example"></iframe>',
      '<svg onload=alert(1)>',
      '<div style="background:url(x)">x</div>',
    ];
    for (const source of hostile) {
      const html = renderMarkdown(source);
      assert.doesNotMatch(html, /<(script|img|iframe|svg|div)\b/i, source);
      assert.doesNotMatch(html, /<a [^>]*href="javascript:/i, source);
      assert.match(html, /&lt;/, source);
    }
  });

  it('drops unsafe links and keeps their text', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '//evil.example/x',
    ]) {
      const html = renderMarkdown(`[click](${href})`);
      assert.doesNotMatch(html, /<a\b/, href);
      assert.equal(isSafeLink(href), false, href);
    }
  });

  it('percent-encodes a backslash so /\\host cannot leave the site', () => {
    assert.match(renderMarkdown('[x](/\\evil.example)'), /href="\/%5Cevil\.example"/);
    assert.equal(isSafeLink('/\\evil.example'), false);
  });

  it('does not render images (no remote loads)', () => {
    const html = renderMarkdown('![pixel](https://tracker.example/p.gif)');
    assert.doesNotMatch(html, /<img\b/);
  });

  it('marks external links nofollow and opens them apart; keeps site links plain', () => {
    const external = renderMarkdown('[site](https://example.org/a)');
    assert.match(external, /href="https:\/\/example\.org\/a"/);
    assert.match(external, /rel="nofollow noopener noreferrer ugc"/);
    assert.match(external, /target="_blank"/);
    const internal = renderMarkdown('[hub](/hubs/east-africa)');
    assert.match(internal, /href="\/hubs\/east-africa"/);
    assert.doesNotMatch(internal, /target=/);
  });

  it('renders mentions as links to the person', () => {
    const html = renderMarkdown('Hi [@Amina](mention:65f0c0ffee0000000000beef)');
    assert.match(
      html,
      /<a href="\/people\/65f0c0ffee0000000000beef" class="mention" data-person="65f0c0ffee0000000000beef">@Amina<\/a>/,
    );
  });

  it('escapes attribute breakouts in links', () => {
    const html = renderMarkdown('[x](https://example.org/"onmouseover="alert(1))');
    assert.doesNotMatch(html, /"onmouseover="/);
  });
});
