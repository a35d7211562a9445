// sha256Digest hashes canonical JSON without building it as one string (a plan of 50,000 accounts): the
// digest must stay that of canonicalJson's text, or every plan written before would read as tampered.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Digest, sha256DigestStreamed } from "../../src/core/digest.js";

const whole = (value: unknown) => `sha256:${createHash("sha256").update(canonicalJson(value)).digest("hex")}`;

/** A deterministic spread of JSON values: nested objects and arrays, unicode, escapes, numbers, undefined fields. */
function sample(seed: number, depth = 0): unknown {
  const pick = (seed * 7919 + depth * 104729) % 11;
  if (depth > 3 || pick < 3) return [null, true, 0, -1.5e-7, 12345678901234, "plain", 'quote " back \\ nl \n', "ünïcødé 😀", "\u0000\u001f"][seed % 9];
  if (pick < 6) return Array.from({ length: seed % 5 }, (_, i) => sample(seed + i + 1, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = 0; i < (seed % 6) + 1; i++) object[["b", "a", "ä", "B", "10", "2", "key with space"][(seed + i) % 7]!] = sample(seed * 3 + i, depth + 1);
  object.skipped = undefined;
  return object;
}

describe("sha256Digest", () => {
  it("is the sha256 of canonicalJson's text, for every kind of JSON value", () => {
    for (let seed = 0; seed < 300; seed++) expect(sha256Digest(sample(seed))).toBe(whole(sample(seed)));
  });

  it("stays so for a value whose text is many times the piece it hashes at once", () => {
    const accounts = Array.from({ length: 3000 }, (_, i) => ({ accountId: String(200000000000 + i), name: `member ${i} ✓`, actions: [sample(i)], kept: [] }));
    const plan = { kind: "rootsweep-plan", accounts, summary: { accounts: accounts.length } };
    expect(canonicalJson(plan).length).toBeGreaterThan(256 * 1024);
    expect(sha256Digest(plan)).toBe(whole(plan));
  });

  it("keeps canonicalJson's text for what JSON cannot say (holes and functions in arrays)", () => {
    // eslint-disable-next-line no-sparse-arrays
    const odd = { list: [1, , 3, undefined, () => 1], nested: { f: undefined } };
    expect(sha256Digest(odd)).toBe(whole(odd));
  });

  it("changes when any value changes", () => {
    expect(sha256Digest({ a: [1, 2] })).not.toBe(sha256Digest({ a: [1, 3] }));
  });
});

describe("sha256DigestStreamed", () => {
  async function* slowly<T>(items: readonly T[]): AsyncGenerator<T> {
    for (const item of items) {
      await Promise.resolve();
      yield item;
    }
  }

  it("gives sha256Digest's digest of the whole, whichever members stream and wherever they sort", async () => {
    for (let seed = 0; seed < 60; seed++) {
      const items = Array.from({ length: seed % 7 }, (_, i) => sample(seed * 13 + i));
      const head = { zeta: sample(seed), kind: "rootsweep-plan", accounts: [], absent: undefined, ä: sample(seed + 1) };
      for (const key of ["accounts", "zeta", "absent"] as const) {
        const wholeValue = { ...head, [key]: items };
        expect(await sha256DigestStreamed(head, { [key]: slowly(items) })).toBe(sha256Digest(wholeValue));
      }
    }
  });

  it("hashes thousands of streamed items as the whole would", async () => {
    const accounts = Array.from({ length: 3000 }, (_, i) => ({ accountId: String(200000000000 + i), name: `member ${i} ✓`, actions: [sample(i)] }));
    const members = { kind: "rootsweep-plan", accounts: null, summary: { accounts: accounts.length } };
    expect(await sha256DigestStreamed(members, { accounts: slowly(accounts) })).toBe(sha256Digest({ ...members, accounts }));
    expect(await sha256DigestStreamed(members, { accounts: slowly(accounts.slice(1)) })).not.toBe(sha256Digest({ ...members, accounts }));
  });
});
