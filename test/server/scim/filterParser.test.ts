/** The SCIM filter parser: precedence, value paths, literals, and what it refuses (400 invalidFilter). */
import assert from 'node:assert/strict';
import { parseFilter } from '../../../server/scim/filterParser.js';
import { ScimError } from '../../../server/scim/scimError.js';

describe('SCIM filter parser', () => {
  it('parses comparisons, presence and literals', () => {
    assert.deepEqual(parseFilter('userName eq "a\\"b"'), {
      kind: 'compare',
      path: { schema: null, attr: 'userName', sub: null },
      op: 'eq',
      value: 'a"b',
    });
    assert.deepEqual(parseFilter('title PR'), {
      kind: 'present',
      path: { schema: null, attr: 'title', sub: null },
    });
    assert.equal((parseFilter('active eq true') as { value: unknown }).value, true);
    assert.equal((parseFilter('x eq null') as { value: unknown }).value, null);
    assert.equal((parseFilter('x gt -1.5e2') as { value: unknown }).value, -150);
  });

  it('gives and precedence over or, and honours not and parentheses', () => {
    const f = parseFilter('a pr or b pr and c pr');
    assert.equal(f.kind, 'or');
    assert.equal((f as { right: { kind: string } }).right.kind, 'and');
    const g = parseFilter('(a pr or b pr) and not (c pr)');
    assert.equal(g.kind, 'and');
    assert.equal((g as { right: { kind: string } }).right.kind, 'not');
  });

  it('parses URN paths and value paths with a trailing sub-attribute', () => {
    const f = parseFilter('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "x"');
    assert.deepEqual((f as { path: unknown }).path, {
      schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      attr: 'department',
      sub: null,
    });
    const v = parseFilter('emails[type eq "work"].value eq "a@b.c"');
    assert.equal(v.kind, 'valuePath');
    assert.equal((v as { filter: { kind: string } }).filter.kind, 'and');
  });

  it('refuses what is not a filter with invalidFilter', () => {
    for (const bad of [
      '',
      'a',
      'a eq',
      'a zz 1',
      'a eq "x',
      '(a pr',
      'a pr)',
      'not a pr',
      'a[b[c pr]]',
      'a eq x',
      'a.b.c pr',
      '!a pr',
      'a'.repeat(1001),
    ]) {
      assert.throws(
        () => parseFilter(bad),
        (e: unknown) => e instanceof ScimError && e.status === 400 && e.scimType === 'invalidFilter',
        bad,
      );
    }
  });
});
