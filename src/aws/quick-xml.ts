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
    if (!isNameStart(this.text.charCodeAt(start))) throw DECLINE;
    let end = start + 1;
    while (isNameChar(this.text.charCodeAt(end))) end++;
    if (!ending(this.text.charCodeAt(end))) throw DECLINE;
    const name = this.text.slice(start, end);
    // An ordinary object has these already; the SDK's parser then merges into what it inherited.
    if (name in Object.prototype) throw DECLINE;
    this.at = end;
    return name;
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
      (attributes ??= {})[name] = this.text.slice(this.at + 2, close);
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
    let texts: string[] | undefined;
    // Each child's name, then its value.
    let children: unknown[] | undefined;
    for (;;) {
      const open = this.text.indexOf("<", this.at);
      if (open === -1) throw DECLINE;
      if (open > this.at && !this.layoutUntil(open)) (texts ??= []).push(this.text.slice(this.at, open));
      this.at = open;
      const next = this.text.charCodeAt(open + 1);
      if (next === SLASH) break;
      if (next === QUESTION || next === 0x21 /* ! */) throw DECLINE;
      const value = this.element(depth + 1);
      (children ??= []).push(this.tag, value);
    }
    if (!this.text.startsWith(tag, this.at + 2) || this.text.charCodeAt(this.at + 2 + tag.length) !== GT) throw DECLINE;
    this.at += 3 + tag.length;
    this.tag = tag;
    return assemble(texts, children, attributes);
  }
}

function endsTagName(code: number): boolean {
  return isSpace(code) || code === GT || code === SLASH;
}

function endsAttributeName(code: number): boolean {
  return code === EQUALS;
}

/** An element's value as the SDK's parser shapes it, from its texts (layout left out) and its children. */
function assemble(texts: string[] | undefined, children: unknown[] | undefined, attributes: Record<string, string> | undefined): unknown {
  if (!children && !attributes) {
    // Without children there is at most one text: comments and CDATA, which could split it, are declined.
    const text = texts?.[0] ?? "";
    return isLayout(text) ? "" : text;
  }
  const value: Record<string, unknown> = {};
  for (const text of texts ?? []) {
    if (isLayout(text)) continue;
    value["#text"] = value["#text"] === undefined ? text : `${value["#text"] as string}${text}`;
  }
  if (children) {
    for (let i = 0; i < children.length; i += 2) {
      const tag = children[i] as string;
      const child = children[i + 1];
      const earlier = value[tag];
      // A repeated name becomes a list, in document order. A value is never itself a list.
      if (earlier === undefined) value[tag] = child;
      else if (Array.isArray(earlier)) earlier.push(child);
      else value[tag] = [earlier, child];
    }
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
  }
}
