/**
 * The SCIM filter language (RFC 7644 §3.4.2.2): a tokenizer and a recursive-descent parser that turn
 * `userName eq "a@b.org" and (emails[type eq "work"].value co "@b.org" or not (active pr))` into a
 * tree. Attribute names are kept as written; resolving them against a schema is filterQuery.ts's job.
 * Anything malformed, too long or too deep is a 400 `invalidFilter`.
 */
import { badRequest } from './scimError.js';

/** The comparison operators. */
export const COMPARE_OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;

/** One comparison operator. */
export type CompareOp = (typeof COMPARE_OPS)[number];

/** A literal of a comparison. */
export type FilterValue = string | number | boolean | null;

/** An attribute path: an optional schema URN, an attribute, an optional sub-attribute. */
export interface AttrPath {
  schema: string | null;
  attr: string;
  sub: string | null;
}

/** A parsed filter. Inside a valuePath's brackets, paths name sub-attributes of that attribute. */
export type Filter =
  | { kind: 'compare'; path: AttrPath; op: CompareOp; value: FilterValue }
  | { kind: 'present'; path: AttrPath }
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; filter: Filter }
  | { kind: 'valuePath'; path: AttrPath; filter: Filter };

/** The longest filter accepted, and the most comparisons in one. */
export const FILTER_LIMITS = { length: 1000, terms: 20, depth: 10 };

type Token = { t: 'word'; v: string } | { t: 'string'; v: string } | { t: '(' | ')' | '[' | ']' };

const WORD = /[A-Za-z0-9_:.$+-]/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input.charAt(i);
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ t: c });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < input.length && input[j] !== '"') j += input[j] === '\\' ? 2 : 1;
      if (j >= input.length) throw badRequest('invalidFilter', 'Unterminated string in filter.');
      try {
        tokens.push({ t: 'string', v: JSON.parse(input.slice(i, j + 1)) as string });
      } catch {
        throw badRequest('invalidFilter', 'Invalid string escape in filter.');
      }
      i = j + 1;
    } else if (WORD.test(c)) {
      let j = i;
      while (j < input.length && WORD.test(input.charAt(j))) j++;
      tokens.push({ t: 'word', v: input.slice(i, j) });
      i = j;
    } else {
      throw badRequest('invalidFilter', `Unexpected character '${c}' in filter.`);
    }
  }
  return tokens;
}

const ATTR_NAME = /^[A-Za-z$][A-Za-z0-9_$-]*$/;

/** Parses an attribute path such as `name.givenName` or `urn:...:enterprise:2.0:User:department`. */
export function parseAttrPath(
  text: string,
  scimType: 'invalidFilter' | 'invalidPath' = 'invalidFilter',
): AttrPath {
  let schema: string | null = null;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const cut = text.lastIndexOf(':');
    schema = text.slice(0, cut);
    rest = text.slice(cut + 1);
  }
  const parts = rest.split('.');
  if (parts.length > 2 || !parts.every((p) => ATTR_NAME.test(p)))
    throw badRequest(scimType, `Invalid attribute path '${text}'.`);
  return { schema, attr: parts[0] ?? '', sub: parts[1] ?? null };
}

function literal(token: Token | undefined): FilterValue {
  if (!token) throw badRequest('invalidFilter', 'A comparison needs a value.');
  if (token.t === 'string') return token.v;
  if (token.t === 'word') {
    if (token.v === 'true') return true;
    if (token.v === 'false') return false;
    if (token.v === 'null') return null;
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(token.v)) return Number(token.v);
  }
  throw badRequest('invalidFilter', 'A comparison value must be a string, number, true, false or null.');
}

class Parser {
  private at = 0;
  private terms = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private next(): Token | undefined {
    return this.tokens[this.at++];
  }

  private keyword(word: string): boolean {
    const token = this.peek();
    if (token?.t === 'word' && token.v.toLowerCase() === word) {
      this.at++;
      return true;
    }
    return false;
  }

  private expect(t: ')' | ']'): void {
    if (this.next()?.t !== t) throw badRequest('invalidFilter', `Expected '${t}' in filter.`);
  }

  parse(): Filter {
    const filter = this.or(0, false);
    if (this.at !== this.tokens.length)
      throw badRequest('invalidFilter', 'Unexpected text after the filter.');
    return filter;
  }

  private or(depth: number, inValuePath: boolean): Filter {
    if (depth > FILTER_LIMITS.depth) throw badRequest('invalidFilter', 'The filter is nested too deeply.');
    let left = this.and(depth, inValuePath);
    while (this.keyword('or')) left = { kind: 'or', left, right: this.and(depth, inValuePath) };
    return left;
  }

  private and(depth: number, inValuePath: boolean): Filter {
    let left = this.unary(depth, inValuePath);
    while (this.keyword('and')) left = { kind: 'and', left, right: this.unary(depth, inValuePath) };
    return left;
  }

  private unary(depth: number, inValuePath: boolean): Filter {
    if (this.keyword('not')) {
      if (this.peek()?.t !== '(') throw badRequest('invalidFilter', "'not' must be followed by '('.");
      return { kind: 'not', filter: this.unary(depth + 1, inValuePath) };
    }
    const token = this.next();
    if (token?.t === '(') {
      const inner = this.or(depth + 1, inValuePath);
      this.expect(')');
      return inner;
    }
    if (token?.t !== 'word') throw badRequest('invalidFilter', 'Expected an attribute in the filter.');
    if (++this.terms > FILTER_LIMITS.terms)
      throw badRequest('invalidFilter', 'The filter has too many terms.');
    const path = parseAttrPath(token.v);
    if (this.peek()?.t === '[') {
      if (inValuePath || path.sub) throw badRequest('invalidFilter', 'Brackets cannot be nested.');
      this.next();
      const inner = this.or(depth + 1, true);
      this.expect(']');
      // `emails[type eq "work"].value eq "x"`: the sub-attribute after the brackets joins the inner filter.
      const after = this.peek();
      if (after?.t === 'word' && after.v.startsWith('.')) {
        this.next();
        const sub = parseAttrPath(after.v.slice(1));
        if (sub.schema || sub.sub) throw badRequest('invalidFilter', `Invalid sub-attribute '${after.v}'.`);
        const term = this.comparison({ schema: null, attr: sub.attr, sub: null });
        return { kind: 'valuePath', path, filter: { kind: 'and', left: inner, right: term } };
      }
      return { kind: 'valuePath', path, filter: inner };
    }
    return this.comparison(path);
  }

  private comparison(path: AttrPath): Filter {
    const op = this.next();
    if (op?.t !== 'word') throw badRequest('invalidFilter', 'Expected an operator in the filter.');
    const name = op.v.toLowerCase();
    if (name === 'pr') return { kind: 'present', path };
    if (!(COMPARE_OPS as readonly string[]).includes(name))
      throw badRequest('invalidFilter', `Unknown operator '${op.v}'.`);
    return { kind: 'compare', path, op: name as CompareOp, value: literal(this.next()) };
  }
}

/** Parses a filter; throws 400 invalidFilter when it is not one. */
export function parseFilter(input: string): Filter {
  if (input.length > FILTER_LIMITS.length) throw badRequest('invalidFilter', 'The filter is too long.');
  const tokens = tokenize(input);
  if (tokens.length === 0) throw badRequest('invalidFilter', 'The filter is empty.');
  return new Parser(tokens).parse();
}
