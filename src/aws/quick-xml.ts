// A quick reader for the plain XML that AWS's query APIs (IAM, STS) answer with, producing exactly the object
// the SDK's own parser (@aws-sdk/xml-builder's parseXML) produces for the same text. The SDK's parser builds
// every name and every text one character at a time: about a fifth of everything an audit allocates, and the
// largest single cost in the SDK's share of its CPU. This one finds each name and text with one scan and one
// slice.
//
// It reads only a narrow subset of XML and declines (returns undefined) anything outside it, so the caller
// hands that document to the SDK's parser: the SDK stays the reference for every case that is not plain.
// What it declines: entities (`&`), carriage returns, comments, CDATA, DOCTYPE, processing instructions
// other than one leading declaration, anything but ASCII before the root element, names outside
// [A-Za-z_][A-Za-z0-9_.:-]*, names an ordinary object already has (`constructor`, `__proto__`...), unquoted
// or spaced-out attributes, closing tags with spaces, nesting deeper than MAX_DEPTH, and any document that
// is not well formed. test/aws/quick-xml.test.ts compares it with the SDK's parser on thousands of generated
// documents, plain and broken, and on the answers of every IAM and STS call rootsweep makes.

/** The root element's name and its value, in the SDK parser's object model. */
export interface QuickXmlRoot {
  tag: string;
  value: unknown;
}

const MAX_DEPTH = 64;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUESTION = 0x3f;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

function isSpace(code: number): boolean {
  // Carriage returns never get here: a document that has one is declined whole.
  return code === 0x20 || code === 0x09 || code === 0x0a;
}

function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e || code === 0x3a;
}

/** Thrown inside the reader to decline a document; never leaves this module. One object, made once. */
class Declined extends Error {}
const DECLINE = new Declined("not plain enough for the quick reader");

/** Whitespace-only text with a line break is layout, which the SDK's parser drops. */
function isLayout(text: string): boolean {
  return text.trim() === "" && text.includes("\n");
}

// The names read so far, to give back without slicing them out again. An answer repeats a few dozen names
// (its elements' and attributes'); a name taken from the cache is one V8 has already made a property key
// of, so setting it on a value needs no lookup in V8's table of keys either. Kept by first character and
// length, and bounded: a stranger's document cannot make it grow.
const NAME_BUCKETS = 256;
const NAMES_PER_BUCKET = 4;
const names: string[][] = Array.from({ length: NAME_BUCKETS }, () => []);

function bucketOf(first: number, length: number): string[] {
  return names[(first * 31 + length) & (NAME_BUCKETS - 1)]!;
}

/** The cached name that `text` holds from `start` to `end`, if there is one. */
function knownName(text: string, start: number, end: number, first: number): string | undefined {
  const length = end - start;
  for (const name of bucketOf(first, length)) if (name.length === length && text.startsWith(name, start)) return name;
  return undefined;
}

/** A name seen for the first time: checked, then cached while its bucket has room. */
function newName(name: string, first: number): string {
  // An ordinary object has these already; the SDK's parser then merges into what it inherited.
  if (name in Object.prototype) throw DECLINE;
  const bucket = bucketOf(first, name.length);
  if (bucket.length >= NAMES_PER_BUCKET) return name;
  // The key of an object literal is V8's own copy of the name, the one property lookups compare with.
  const key = Object.keys({ [name]: true })[0]!;
  bucket.push(key);
  return key;
}

// The children of the elements being read, innermost last: each child's name, then its value. One stack for
// every document (reading is synchronous), cleared after each one, so that no document makes arrays of its own.
const stack: unknown[] = [];
let top = 0;
/** Past this many slots, the stack is let go of after the document rather than kept for the next. */
const STACK_KEPT = 1024;

class Reader {
  private at = 0;
  /** The name of the element read last. */
  private tag = "";

  constructor(private readonly text: string) {}

  root(): QuickXmlRoot {
    this.skipSpace();
    if (this.text.startsWith("<?", this.at)) {
      const end = this.text.indexOf("?>", this.at);
      if (end === -1) throw DECLINE;
      this.at = end + 2;
      this.skipSpace();
    }
    // The SDK's parser looks for a DOCTYPE in a lower-cased copy of the whole document, where some
    // non-ASCII letters change length; with only ASCII before the root, the two agree on where it starts.
    for (let i = 0; i < this.at; i++) if (this.text.charCodeAt(i) > 0x7e) throw DECLINE;
    // What follows the root element is ignored, as the SDK's parser ignores it.
    const value = this.element(0);
    return { tag: this.tag, value };
  }

  private skipSpace(): void {
    while (this.at < this.text.length && isSpace(this.text.charCodeAt(this.at))) this.at++;
  }

  /** A name, which must end where the SDK's parser ends it too (`ending` says where that is). */
  private name(ending: (code: number) => boolean): string {
    const start = this.at;
    const first = this.text.charCodeAt(start);
    if (!isNameStart(first)) throw DECLINE;
    let end = start + 1;
    while (isNameChar(this.text.charCodeAt(end))) end++;
    if (!ending(this.text.charCodeAt(end))) throw DECLINE;
    this.at = end;
    return knownName(this.text, start, end, first) ?? newName(this.text.slice(start, end), first);
  }

  /** Whether the text from here to `end` is layout: only spaces, tabs and line breaks, one break at least. */
  private layoutUntil(end: number): boolean {
    let lineBreak = false;
    for (let i = this.at; i < end; i++) {
      const code = this.text.charCodeAt(i);
      if (code === 0x0a) lineBreak = true;
      else if (code !== 0x20 && code !== 0x09) return false;
    }
    return lineBreak;
  }

  /** The element that starts here; its name is left in `tag` (one object less per element). */
  private element(depth: number): unknown {
    if (depth > MAX_DEPTH || this.text.charCodeAt(this.at) !== LT) throw DECLINE;
    this.at++;
    const tag = this.name(endsTagName);
    let attributes: Record<string, string> | undefined;
    for (;;) {
      this.skipSpace();
      const code = this.text.charCodeAt(this.at);
      if (code === GT || code === SLASH) break;
      const name = this.name(endsAttributeName);
      const quote = this.text.charCodeAt(this.at + 1);
      if (quote !== QUOTE && quote !== APOSTROPHE) throw DECLINE;
      const close = this.text.indexOf(quote === QUOTE ? '"' : "'", this.at + 2);
      if (close === -1) throw DECLINE;
      (attributes ??= {})[name] = ownText(this.text.slice(this.at + 2, close));
      this.at = close + 1;
    }
    if (this.text.charCodeAt(this.at) === SLASH) {
      if (this.text.charCodeAt(this.at + 1) !== GT) throw DECLINE;
      this.at += 2;
      this.tag = tag;
      return attributes ?? "";
    }
    this.at++;

    // Layout between elements is dropped by the SDK's parser in every case: it is not even kept here.
    // The first text is all a leaf has; an element with children may have more.
    let text: string | undefined;
    let moreTexts: string[] | undefined;
    // This element's children go on the shared stack above `base`, each as its name, then its value.
    const base = top;
    for (;;) {
      const open = this.text.indexOf("<", this.at);
      if (open === -1) throw DECLINE;
      if (open > this.at && !this.layoutUntil(open)) {
        const piece = ownText(this.text.slice(this.at, open));
        if (text === undefined) text = piece;
        else (moreTexts ??= []).push(piece);
      }
      this.at = open;
      const next = this.text.charCodeAt(open + 1);
      if (next === SLASH) break;
      if (next === QUESTION || next === 0x21 /* ! */) throw DECLINE;
      const value = this.element(depth + 1);
      stack[top++] = this.tag;
      stack[top++] = value;
    }
    if (!this.text.startsWith(tag, this.at + 2) || this.text.charCodeAt(this.at + 2 + tag.length) !== GT) throw DECLINE;
    this.at += 3 + tag.length;
    this.tag = tag;
    if (base === top && !attributes) {
      // Without children there is at most one text: comments and CDATA, which could split it, are declined.
      return text === undefined || isLayout(text) ? "" : text;
    }
    const value = assemble(text, moreTexts, base, attributes);
    top = base;
    return value;
  }
}

/**
 * A text of its own. V8 keeps a slice of 13 characters or more as a view into the string it was cut from, so
 * a credential id, an ARN or a date read from an answer would keep the whole answer alive for as long as the
 * value is kept: in an audit held whole, or in apply's results, that made each account's rows several times
 * their size. The SDK's parser builds its texts afresh; this gives the same, a copy, cut from a string one
 * character longer than the text.
 */
function ownText(slice: string): string {
  return slice.length < 13 ? slice : (" " + slice).slice(1);
}

function endsTagName(code: number): boolean {
  return isSpace(code) || code === GT || code === SLASH;
}

function endsAttributeName(code: number): boolean {
  return code === EQUALS;
}

/**
 * The value of an element with children or attributes, as the SDK's parser shapes it: its texts (layout
 * left out), then its children (on the stack from `base` to its top, name then value), then its attributes.
 */
function assemble(text: string | undefined, moreTexts: string[] | undefined, base: number, attributes: Record<string, string> | undefined): unknown {
  const value: Record<string, unknown> = {};
  if (text !== undefined) {
    for (const piece of moreTexts ? [text, ...moreTexts] : [text]) {
      if (isLayout(piece)) continue;
      value["#text"] = value["#text"] === undefined ? piece : `${value["#text"] as string}${piece}`;
    }
  }
  for (let i = base; i < top; i += 2) {
    const tag = stack[i] as string;
    const child = stack[i + 1];
    const earlier = value[tag];
    // A repeated name becomes a list, in document order. A value is never itself a list.
    if (earlier === undefined) value[tag] = child;
    else if (Array.isArray(earlier)) earlier.push(child);
    else value[tag] = [earlier, child];
  }
  // Attributes come last, so one wins over a child element of the same name, as in the SDK's parser.
  if (attributes) for (const name of Object.keys(attributes)) value[name] = attributes[name];
  return value;
}

/**
 * The document's root element and its value, exactly as the SDK's parser would give them, or undefined
 * when the document is not plain enough for this reader (the caller then uses the SDK's parser).
 */
export function quickXml(text: string): QuickXmlRoot | undefined {
  if (text.includes("&") || text.includes("\r")) return undefined;
  try {
    return new Reader(text).root();
  } catch (error) {
    if (error === DECLINE) return undefined;
    throw error;
  } finally {
    // Nothing of this document stays reachable from the stack.
    if (stack.length > STACK_KEPT) stack.length = 0;
    else stack.fill(undefined);
    top = 0;
  }
}
