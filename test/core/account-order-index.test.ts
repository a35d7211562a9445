// The index a streamed audit sorts its rows by: the same order as compareAccounts on the rows' keys, ids given
// back as they were (leading zeros, and ids that are not twelve digits, included), places given back as given.
import { describe, expect, it } from "vitest";
import { AccountOrderIndex } from "../../src/core/account-order-index.js";
import { type AccountOrderKey, compareAccounts } from "../../src/core/account-order.js";

/** A small deterministic generator: the same keys every run. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const NAMES = ["beta", "Beta", "béta", "alpha", "", "Ærø", "zeta 🚀", "prod-10", "prod-9", "beta "];
// Ids of twelve digits (leading zeros included) are kept as numbers; the others must survive as strings.
const ODD_IDS = ["", "abc", "12345", "1234567890123", "１２３４５６７８９０１２", "00000000000a"];

function keys(count: number, random: () => number): AccountOrderKey[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const twelve = String(Math.floor(random() * 1e12)).padStart(12, "0");
    const accountId = random() < 0.1 ? pick(ODD_IDS) : random() < 0.2 ? `0000${twelve.slice(4)}` : twelve;
    const status = i % 97 === 0 ? "management" : random() < 0.1 ? "skipped" : "audited";
    return { status, name: pick(NAMES), accountId };
  });
}

describe("AccountOrderIndex", () => {
  it("orders rows as compareAccounts orders their keys, and gives back each row's id and place", () => {
    const random = numbers(7);
    const all = keys(2000, random);
    const index = new AccountOrderIndex();
    all.forEach((key, row) => index.add(key, row * 1000, row + 1));
    expect(index.size).toBe(all.length);

    const order = [...index.order()];
    const expected = all.map((key, row) => ({ key, row })).sort((a, b) => compareAccounts(a.key, b.key));
    // Equal keys (the same name and id) may come in either order: compare the keys, then the places.
    expect(order.map((row) => all[row])).toEqual(expected.map((e) => e.key));
    expect(new Set(order).size).toBe(all.length);
    for (let row = 0; row < all.length; row++) {
      expect(index.accountIdOf(row)).toBe(all[row]!.accountId);
      expect(index.offsetOf(row)).toBe(row * 1000);
      expect(index.lengthOf(row)).toBe(row + 1);
    }
  });

  it("puts the management account first, then names as the locale sorts them, equal names by id", () => {
    const index = new AccountOrderIndex();
    const rows: AccountOrderKey[] = [
      { status: "audited", name: "beta", accountId: "444444444444" },
      { status: "audited", name: "Ærø", accountId: "999999999999" },
      { status: "management", name: "zzz", accountId: "111111111111" },
      { status: "audited", name: "beta", accountId: "033333333333" },
      { status: "audited", name: "beta", accountId: "abc" },
    ];
    rows.forEach((key, row) => index.add(key, row, 1));
    expect([...index.order()].map((row) => index.accountIdOf(row))).toEqual(["111111111111", "999999999999", "033333333333", "444444444444", "abc"]);
  });

  it("places offsets beyond what a small integer holds", () => {
    const index = new AccountOrderIndex();
    index.add({ status: "audited", name: "a", accountId: "123456789012" }, 2 ** 40 + 3, 5);
    expect(index.offsetOf(0)).toBe(2 ** 40 + 3);
  });
});
