// The hand-written positioned JSON parser (src/core/policy/json.ts) against JSON.parse: over every file in the
// policy corpus, the generated policies and a list of hostile inputs, both must accept the same texts and give
// the same value (same members in the same order, same prototypes, same numbers to the sign of zero). The only
// differences are deliberate, and tested as such: a leading byte order mark, and a nesting depth limit.
// Seeded one-character mutants of the corpus widen the net past inputs anyone thought to write down.
//
// Why ours and not @humanwhocodes/momoa (checked when issue 16 asked): momoa accepts a raw tab inside a
// string (JSON.parse refuses it), refuses a leading BOM, overflows the stack on deep nesting, and puts
// several errors elsewhere (a trailing comma at the closing bracket, "01" at the first digit), with
// token-level messages ("Unexpected token RBrace") where the policy linter tells the user what to fix.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type JsonNode, JsonSyntaxError, lineColumn, parseJsonNode, plainValue } from "../../../src/core/policy/json.js";
import { readPolicy } from "../../../src/core/policy/document.js";
import { denyRootPolicy, samePolicyContent } from "../../../src/core/policy/guardrail-scp.js";
import { TASK_POLICY_DOCUMENTS } from "../../../src/sandbox/policy/task-policies.js";
import { fractionFor } from "../../../src/sandbox/random.js";

const CORPUS = join(import.meta.dirname, "../../fixtures/policies");

const HOSTILE = [
  '{"__proto__": {"Effect":"Deny"}}',
  '{"Statement":[{"__proto__":{"Effect":"Deny"},"Action":"*","Resource":"*"}]}',
  '{"\\u005f_proto__": {"Effect":"Deny"}}',
  '{"__proto__": null, "__proto__": []}',
  '{"constructor": {"prototype": {"x": 1}}, "toString": 2, "hasOwnProperty": 3, "valueOf": {}}',
  '{"Effect":"Allow","Effect":"Deny"}',
  '{"a":1,"b":2,"a":3}',
  '{"":0, " ":1}',
  '"\\ud800"',
  '"\\uDEAD\\uBEEF"',
  '"\\u0000"',
  '"raw \u2028 separator"',
  '"a\\/b\\"c\\\\d\\b\\f\\n\\r\\t"',
  '"\\x41"',
  '"\\u12G4"',
  '"tab\there"',
  '"unterminated',
  "'single'",
  '{"a":1,}',
  "[1,]",
  "[,1]",
  "{,}",
  '{"a" 1}',
  '{"a":}',
  "{a:1}",
  "",
  " ",
  "nul",
  "truex",
  "True",
  "NaN",
  "Infinity",
  "-Infinity",
  "01",
  "-",
  "1.",
  ".5",
  "1e",
  "+1",
  "0x10",
  "1e400",
  "-1e400",
  "-0",
  "-0.0e0",
  "1E+2",
  "123456789012345678901234567890",
  "5e-324",
  "\u00a0{}",
  "\v{}",
  "{}\n\r\t ",
  "[] []",
  "{} // comment",
  "/* comment */ {}",
  '{"a":[1,{"b":null}],"c":true,"d":false,"e":-1.5e-3}',
  "[".repeat(100) + "]".repeat(100),
  "[".repeat(100) + "]".repeat(99),
  '{"constructor": 1, "prototype": 2, "__defineGetter__": 3, "__lookupGetter__": 4}',
  '{"a":{"a":{"a":1}},"a":2}',
  '{"a":[],"a":{},"a":null}',
  '"\\ud83d\\ude00 \\u00e9 \\u0041"',
  '{"\\u00e9":"é","é":"\\u00e9"}',
  '"\\uD83D"',
  '"\\u"',
  '"\\u12"',
  "0.1",
  "-0e+0",
  "1e-7",
  "1.7976931348623157e308",
  "2e-1074",
  "0.30000000000000004",
  "9007199254740993",
  "[1e1,1E1,1e+1,1e-1,10.0e0]",
  "00",
  "-01",
  "1e+",
  "--1",
  "[".repeat(512) + "]".repeat(512),
];

function texts(): Array<{ name: string; text: string }> {
  const files = readdirSync(CORPUS)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(CORPUS, f), "utf8") }));
  const generated = [denyRootPolicy(), denyRootPolicy(["s3:Get*"]), ...TASK_POLICY_DOCUMENTS.values()].map((d, i) => ({
    name: `generated #${i}`,
    text: JSON.stringify(d, null, i % 2 ? 2 : 0),
  }));
  return [...files, ...generated, ...HOSTILE.map((text, i) => ({ name: `hostile #${i} ${JSON.stringify(text.slice(0, 40))}`, text }))];
}

/** Same value, as strictly as matters: member order, own keys only, prototypes, -0. */
function sameValue(a: unknown, b: unknown, path = "$"): string | null {
  if (typeof a !== typeof b) return `${path}: ${typeof a} vs ${typeof b}`;
  if (a === null || b === null || typeof a !== "object") return Object.is(a, b) ? null : `${path}: ${String(a)} vs ${String(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: different prototypes`;
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b as object);
  if (JSON.stringify(ka.map(String)) !== JSON.stringify(kb.map(String)))
    return `${path}: keys ${JSON.stringify(ka.map(String))} vs ${JSON.stringify(kb.map(String))}`;
  for (const key of ka) {
    const diff = sameValue((a as Record<PropertyKey, unknown>)[key], (b as Record<PropertyKey, unknown>)[key], `${path}.${String(key)}`);
    if (diff) return diff;
  }
  return null;
}

/** Deterministic one-character edits (delete, duplicate, replace with a JSON-significant character). */
function mutants(text: string, count: number, seed: string): string[] {
  const alphabet = ['"', "{", "}", "[", "]", ",", ":", "\\", "0", "-", "e", ".", " ", "u", "_"];
  const out: string[] = [];
  for (let n = 0; n < count && text.length > 0; n++) {
    const at = Math.floor(fractionFor(seed, `at#${n}`) * text.length);
    const kind = Math.floor(fractionFor(seed, `kind#${n}`) * 3);
    const char = alphabet[Math.floor(fractionFor(seed, `char#${n}`) * alphabet.length)]!;
    out.push(
      kind === 0
        ? text.slice(0, at) + text.slice(at + 1)
        : kind === 1
          ? text.slice(0, at) + text[at] + text.slice(at)
          : text.slice(0, at) + char + text.slice(at + 1),
    );
  }
  return out;
}

/** Every node's offset points at the first character of its value, every key offset at its opening quote. */
function positionsPointAtValues(text: string, node: JsonNode): string | null {
  const first = text[node.offset];
  const opener = { object: "{", array: "[", string: '"' } as Record<string, string>;
  if (node.type === "number" || node.type === "boolean" || node.type === "null") {
    const literal = /^(-?[\d.eE+-]+|true|false|null)/.exec(text.slice(node.offset))?.[0];
    if (literal === undefined || !Object.is(JSON.parse(literal), node.value)) return `${node.type} at ${node.offset} is not ${String(node.value)}`;
  } else if (first !== opener[node.type]) {
    return `${node.type} at ${node.offset} starts with ${JSON.stringify(first)}`;
  }
  if (node.type === "object") {
    for (const m of node.members) {
      if (text[m.keyOffset] !== '"') return `key ${m.key} at ${m.keyOffset}`;
      const inner = positionsPointAtValues(text, m.value);
      if (inner) return inner;
    }
  }
  if (node.type === "array")
    for (const item of node.items) {
      const inner = positionsPointAtValues(text, item);
      if (inner) return inner;
    }
  return null;
}

function outcome(parse: () => unknown): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    return { ok: false, error };
  }
}

describe("the positioned JSON parser agrees with JSON.parse", () => {
  it.each(texts())("$name", ({ text }) => {
    const ours = outcome(() => plainValue(parseJsonNode(text)));
    const reference = outcome((): unknown => JSON.parse(text));
    expect(ours.ok, ours.ok ? "we accept what JSON.parse refuses" : `we refuse what JSON.parse accepts: ${String(ours.error)}`).toBe(reference.ok);
    if (ours.ok && reference.ok) expect(sameValue(ours.value, reference.value)).toBeNull();
    // Refusals are always a positioned syntax error, never a crash.
    if (!ours.ok) expect(ours.error).toBeInstanceOf(JsonSyntaxError);
  });

  it("agrees on seeded one-character mutants of every corpus text", () => {
    let accepted = 0;
    let refused = 0;
    for (const { name, text } of texts()) {
      for (const [i, mutant] of mutants(text, 40, name).entries()) {
        const ours = outcome(() => plainValue(parseJsonNode(mutant)));
        const reference = outcome((): unknown => JSON.parse(mutant));
        const where = `${name} mutant #${i}: ${JSON.stringify(mutant.slice(0, 120))}`;
        expect(ours.ok, where).toBe(reference.ok);
        if (ours.ok && reference.ok) expect(sameValue(ours.value, reference.value), where).toBeNull();
        if (!ours.ok) expect(ours.error, where).toBeInstanceOf(JsonSyntaxError);
        if (ours.ok) accepted++;
        else refused++;
      }
    }
    // Both kinds occur, or the comparison would be one-sided.
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });

  it("records positions that point at each value and key (what the linter reports)", () => {
    for (const { name, text } of texts()) {
      const parsed = outcome(() => parseJsonNode(text));
      if (parsed.ok) expect(positionsPointAtValues(text, parsed.value as JsonNode), name).toBeNull();
    }
    const text = '{\n  "Statement": [\n    {"Effect": "Allow"}\n  ]\n}';
    const statement = (parseJsonNode(text) as Extract<JsonNode, { type: "object" }>).members[0]!;
    expect(lineColumn(text, statement.keyOffset)).toEqual({ line: 2, column: 3 });
    const first = (statement.value as Extract<JsonNode, { type: "array" }>).items[0]!;
    expect(lineColumn(text, first.offset)).toEqual({ line: 3, column: 5 });
  });

  it("places syntax errors where the user must edit, with a reason that says what to fix", () => {
    const at = (text: string) => {
      const error = outcome(() => parseJsonNode(text));
      const e = (error as { error: JsonSyntaxError }).error;
      return `${e.line}:${e.column} ${e.reason}`;
    };
    expect(at('{"a":1,}')).toBe("1:7 trailing comma before '}'");
    expect(at('{\n"a" 1}')).toBe("2:5 expected ':' after property name \"a\" but found '1'");
    expect(at('"tab\there"')).toBe("1:5 '\t' inside a string (escape it or close the string)");
    expect(at("{} // c")).toBe("1:4 comments are not allowed in JSON");
    expect(at('"open')).toBe("1:1 unterminated string");
  });

  it("keeps a __proto__ member as a member, as JSON.parse does, instead of setting the prototype", () => {
    const value = plainValue(parseJsonNode('{"__proto__": {"Effect":"Deny"}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(value.Effect).toBeUndefined();
    // So two documents that differ only by such a member are not "the same policy".
    expect(samePolicyContent('{"Version":"2012-10-17"}', '{"Version":"2012-10-17","__proto__":{"Effect":"Deny"}}')).toBe(false);
  });

  it("reads a statement's __proto__ member as an unknown element, not as its Effect", () => {
    const view = readPolicy('{"Statement":[{"__proto__":{"Effect":"Deny"},"Action":"*","Resource":"*"}]}');
    expect(view.statements[0]!.effect).toBeUndefined();
    expect(view.statements[0]!.elements).toEqual(["__proto__", "Action", "Resource"]);
  });

  it("accepts a leading byte order mark, which JSON.parse refuses (editors write it, AWS tools accept it)", () => {
    expect(plainValue(parseJsonNode('\ufeff{"a":1}'))).toEqual({ a: 1 });
    expect((): unknown => JSON.parse('\ufeff{"a":1}')).toThrow(SyntaxError);
  });

  it("refuses absurdly deep nesting with a syntax error where it would otherwise overflow the stack", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(() => parseJsonNode(deep)).toThrow(JsonSyntaxError);
    expect(readPolicy(`{"Statement":${deep}}`).syntaxError?.message).toMatch(/nested more than \d+ levels deep/);
    expect(plainValue(parseJsonNode("[".repeat(500) + "]".repeat(500)))).toBeInstanceOf(Array);
  });
});
