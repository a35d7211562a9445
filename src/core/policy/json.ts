// A strict JSON parser that keeps where every value starts, so lint findings can point at a line and
// column, and malformed files get a precise message. JSON.parse cannot do either: it keeps no
// positions, and Node 20 reports no position at all for some errors ("Unexpected end of JSON input").
// Lexical forms are checked here; strings and numbers are then decoded by JSON.parse itself.

export interface JsonObject {
  type: "object";
  offset: number;
  members: JsonMember[];
}

export interface JsonMember {
  key: string;
  keyOffset: number;
  value: JsonNode;
}

export interface JsonArray {
  type: "array";
  offset: number;
  items: JsonNode[];
}

export interface JsonScalar {
  type: "string" | "number" | "boolean" | "null";
  offset: number;
  value: string | number | boolean | null;
}

export type JsonNode = JsonObject | JsonArray | JsonScalar;

export interface LineColumn {
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
}

export class JsonSyntaxError extends Error {
  constructor(
    /** What is wrong, without the position. */
    readonly reason: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
    this.name = "JsonSyntaxError";
  }
}

export function lineColumn(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

function describe(char: string | undefined): string {
  if (char === undefined) return "end of input";
  if (char === "\n" || char === "\r") return "a line break";
  return `'${char}'`;
}

/** Far deeper than any IAM policy goes; deeper input would otherwise overflow the stack (a RangeError, not a finding). */
const MAX_DEPTH = 512;

class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly text: string) {
    // A UTF-8 byte order mark is not JSON, but editors write it and AWS tools accept it.
    if (text.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  fail(message: string, offset = this.i): never {
    const { line, column } = lineColumn(this.text, offset);
    throw new JsonSyntaxError(message, offset, line, column);
  }

  parseDocument(): JsonNode {
    this.skipSpace();
    const value = this.parseValue();
    this.skipSpace();
    if (this.i < this.text.length) this.fail(`unexpected ${describe(this.text[this.i])} after the end of the JSON value`);
    return value;
  }

  private skipSpace(): void {
    for (;;) {
      const c = this.text[this.i];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.i++;
      else if (c === "/" && (this.text[this.i + 1] === "/" || this.text[this.i + 1] === "*")) this.fail("comments are not allowed in JSON");
      else return;
    }
  }

  private parseValue(): JsonNode {
    const c = this.text[this.i];
    const offset = this.i;
    switch (c) {
      case "{":
      case "[": {
        if (++this.depth > MAX_DEPTH) this.fail(`values nested more than ${MAX_DEPTH} levels deep`);
        const node = c === "{" ? this.parseObject() : this.parseArray();
        this.depth--;
        return node;
      }
      case '"':
        return { type: "string", offset, value: this.parseString() };
      case "t":
      case "f":
      case "n":
        return this.parseLiteral();
      case "'":
        return this.fail("strings must use double quotes");
      default:
        if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.parseNumber();
        return this.fail(`expected a value but found ${describe(c)}`);
    }
  }

  private parseLiteral(): JsonScalar {
    const offset = this.i;
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return { type: value === null ? "null" : "boolean", offset, value };
      }
    }
    return this.fail(`expected a value but found ${describe(this.text[this.i])}`);
  }

  private parseNumber(): JsonScalar {
    NUMBER.lastIndex = this.i;
    const match = NUMBER.exec(this.text);
    if (!match) return this.fail("malformed number");
    const offset = this.i;
    this.i += match[0].length;
    return { type: "number", offset, value: Number(match[0]) };
  }

  private parseString(): string {
    const start = this.i;
    this.i++;
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) this.fail("unterminated string", start);
      if (c === '"') break;
      if (c === "\\") {
        const next = this.text[this.i + 1];
        if (next === "u") {
          if (!HEX4.test(this.text.slice(this.i + 2, this.i + 6))) this.fail("bad \\u escape in string");
          this.i += 6;
          continue;
        }
        if (next === undefined || !ESCAPES.has(next)) this.fail(`bad escape \\${next ?? ""} in string`);
        this.i += 2;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) this.fail(`${describe(c)} inside a string (escape it or close the string)`);
      this.i++;
    }
    this.i++;
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }

  private parseObject(): JsonObject {
    const node: JsonObject = { type: "object", offset: this.i, members: [] };
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === "}") {
      this.i++;
      return node;
    }
    for (;;) {
      const c = this.text[this.i];
      if (c !== '"') {
        if (c === "'") this.fail("property names must use double quotes");
        this.fail(`expected a property name in double quotes but found ${describe(c)}`);
      }
      const keyOffset = this.i;
      const key = this.parseString();
      this.skipSpace();
      if (this.text[this.i] !== ":") this.fail(`expected ':' after property name "${key}" but found ${describe(this.text[this.i])}`);
      this.i++;
      this.skipSpace();
      node.members.push({ key, keyOffset, value: this.parseValue() });
      this.skipSpace();
      const after = this.text[this.i];
      if (after === "}") {
        this.i++;
        return node;
      }
      if (after !== ",") this.fail(`expected ',' or '}' after the value of "${key}" but found ${describe(after)}`);
      const comma = this.i;
      this.i++;
      this.skipSpace();
      if (this.text[this.i] === "}") this.fail("trailing comma before '}'", comma);
    }
  }

  private parseArray(): JsonArray {
    const node: JsonArray = { type: "array", offset: this.i, items: [] };
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === "]") {
      this.i++;
      return node;
    }
    for (;;) {
      node.items.push(this.parseValue());
      this.skipSpace();
      const after = this.text[this.i];
      if (after === "]") {
        this.i++;
        return node;
      }
      if (after !== ",") this.fail(`expected ',' or ']' in a list but found ${describe(after)}`);
      const comma = this.i;
      this.i++;
      this.skipSpace();
      if (this.text[this.i] === "]") this.fail("trailing comma before ']'", comma);
    }
  }
}

/** Parses strict JSON (RFC 8259, a leading BOM allowed); throws JsonSyntaxError with line and column. */
export function parseJsonNode(text: string): JsonNode {
  return new Parser(text).parseDocument();
}

/** The plain value of a node, as JSON.parse would give it (the last of duplicate keys wins). */
export function plainValue(node: JsonNode): unknown {
  if (node.type === "object") {
    const out: Record<string, unknown> = {};
    // Defined, not assigned: `out["__proto__"] = v` would set the object's prototype instead of a member, so
    // {"__proto__": {"Effect": "Deny"}} would read as {} that inherits Effect. JSON.parse makes it a member.
    for (const member of node.members) {
      Object.defineProperty(out, member.key, { value: plainValue(member.value), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (node.type === "array") return node.items.map(plainValue);
  return node.value;
}

export function memberOf(node: JsonObject, key: string): JsonMember | undefined {
  // The last duplicate wins, as with JSON.parse.
  for (let i = node.members.length - 1; i >= 0; i--) if (node.members[i]!.key === key) return node.members[i];
  return undefined;
}
