// The accounts of an audit or a plan are cut out of the file as it is read, never from its whole text. Read
// that way, a document must be exactly what JSON.parse of the whole gives, cut at any byte; anything JSON.parse
// refuses (and the few things it reads in its own way: a key given twice, a key spelled with escapes) must come
// back "irregular", for the caller to read the file whole. Hundreds of damaged documents check both.
import { writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type FieldStream, streamArrayField } from "../../src/engine/json-field-stream.js";
import { tempDir } from "../support/cli.js";
import { audit } from "../support/audit-fixture.js";

const dir = tempDir();
let files = 0;

async function stream(text: string | Buffer, chunkSize?: number): Promise<{ read: FieldStream; elements: unknown[] }> {
  const path = join(dir, `d${files++}.json`);
  writeFileSync(path, text);
  const handle = await open(path, "r");
  const elements: unknown[] = [];
  try {
    return { read: await streamArrayField(handle, "accounts", (element) => elements.push(element), chunkSize), elements };
  } finally {
    await handle.close();
  }
}

/** What the stream gave, as one value (undefined when it was irregular). */
function reassembled(read: FieldStream, elements: unknown[]): unknown {
  if (read.kind === "irregular") return undefined;
  if (read.kind === "whole") return read.value;
  return { ...read.rest, accounts: elements };
}

function parsed(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, "")) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const DOCUMENT = JSON.stringify(audit(4), null, 2);

describe("streamArrayField", () => {
  it("gives an audit as JSON.parse does, its accounts one by one, cut into pieces of any size", async () => {
    for (const chunkSize of [1, 2, 3, 5, 7, 16, 61, 256, 4096, undefined]) {
      const { read, elements } = await stream(DOCUMENT, chunkSize);
      expect(read.kind, `chunks of ${chunkSize}`).toBe("streamed");
      expect(elements).toHaveLength(5);
      expect(reassembled(read, elements)).toEqual(JSON.parse(DOCUMENT));
      if (read.kind === "streamed") expect(Object.keys(read.rest)).toEqual(Object.keys(JSON.parse(DOCUMENT) as object));
    }
  });

  it("reads strings with escapes, unicode cut across pieces, a byte order mark, odd spacing and empty arrays", async () => {
    const tricky = {
      name: 'a "quoted" \\ back\\slash }],{[ ünïcødé 😀 \u0000 \n',
      accounts: [{ name: '"]},{"', list: [[], {}, [1, [2, { x: "]" }]]] }, 'text ,] with \\" escapes', 12.5e-3, null, true, [], {}],
      after: { accounts: ["not the top-level one"] },
    };
    for (const text of [
      JSON.stringify(tricky),
      `\uFEFF${JSON.stringify(tricky, null, 4)}`,
      JSON.stringify(tricky, null, "\t \r\n "),
      '{"accounts":[]}',
      '{ "accounts" : [ ] , "b" : 1 }',
      '{"a":{"accounts":[1,2]},"accounts":[3]}',
    ]) {
      for (const chunkSize of [1, 3, 8, undefined]) {
        const { read, elements } = await stream(text, chunkSize);
        expect(read.kind, `${chunkSize}: ${text}`).toBe("streamed");
        expect(reassembled(read, elements)).toEqual(JSON.parse(text.replace(/^\uFEFF/, "")));
      }
    }
  });

  it("parses a document whole when it has no accounts array at the top", async () => {
    for (const text of ['{"schemaVersion":"1.0","generatedAt":"yesterday"}', '{"accounts":null}', '{"accounts":{"a":[1]}}', '{"x":[{"accounts":[1]}]}']) {
      const { read, elements } = await stream(text, 4);
      expect(read).toEqual({ kind: "whole", value: JSON.parse(text) as unknown });
      expect(elements).toEqual([]);
    }
  });

  it("comes back irregular for what JSON.parse refuses, or reads in its own way", async () => {
    for (const text of [
      "",
      "not json",
      "[1,2]",
      '"accounts"',
      '{"accounts":[1,2]',
      '{"accounts":[1,2]} {"again":1}',
      '{"accounts":[1,2]}x',
      '{"accounts":[1,,2]}',
      '{"accounts":[1,2,]}',
      '{"accounts":[,]}',
      '{"accounts":[{"a":1}}]}',
      '{"accounts":[1 2]}',
      '{"accounts":[1],"accounts":[2]}',
      '{"accounts":[1],"acc\\u006funts":[]}',
      '{"accounts":["unterminated]}',
      `${JSON.stringify({ type: "start" })}\n${JSON.stringify({ type: "end" })}\n`,
    ]) {
      const { read } = await stream(text, 3);
      expect(read.kind, text).toBe("irregular");
    }
  });

  it("never gives other than JSON.parse of the whole, for hundreds of damaged audits cut at random places", async () => {
    const next = random(19);
    const pieces = ["{", "}", "[", "]", '"', "\\", ",", ":", " ", "1", "a", '"accounts":[', "\uFEFF"];
    let streamed = 0;
    let irregular = 0;
    for (let round = 0; round < 400; round++) {
      let text = DOCUMENT;
      for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
        const at = Math.floor(next() * text.length);
        const kind = next();
        if (kind < 0.4) text = text.slice(0, at) + text.slice(at + 1);
        else if (kind < 0.8) text = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)]! + text.slice(at);
        else text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 40));
      }
      const whole = parsed(text);
      const { read, elements } = await stream(text, 1 + Math.floor(next() * 300));
      if (read.kind === "irregular") irregular++;
      else streamed++;
      if (!whole.ok) expect(read.kind, text).toBe("irregular");
      else if (read.kind !== "irregular") expect(reassembled(read, elements), text).toEqual(whole.value);
    }
    // Both sides were exercised: most damage breaks the JSON, some leaves it readable.
    expect(irregular).toBeGreaterThan(50);
    expect(streamed).toBeGreaterThan(20);
  });
});
