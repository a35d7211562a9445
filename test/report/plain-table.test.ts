// A large plain table is laid out a piece at a time (cli-table3's layout is quadratic in rows) yet reads
// exactly as one cli-table3 table with the same style: same widths, same header, same lines.
import { describe, expect, it } from "vitest";
import Table from "cli-table3";
import pc from "picocolors";
import { plainTable, plainTableOptions } from "../../src/report/plain-table.js";

const HEAD = ["ACCOUNT", "NAME", "STATUS", "N"];

function oneTable(rows: string[][]): string {
  const table = new Table({ head: HEAD, ...plainTableOptions() });
  table.push(...rows);
  return table.toString();
}

function rows(count: number): string[][] {
  const c = pc.createColors(true);
  return Array.from({ length: count }, (_, i) => [
    String(200000000000 + i),
    // The widest name comes late, in a later piece than the first.
    i === count - 3 ? "a-very-long-account-name-far-down-the-list" : i % 7 === 0 ? `名前-${i} 🚀` : `member-${i}`,
    i % 5 === 0 ? c.red("failed") : c.green("done"),
    String(i % 13),
  ]);
}

describe("plainTable", () => {
  for (const count of [0, 1, 499, 500, 501, 1234]) {
    it(`${count} rows: the text of one cli-table3 table`, () => {
      const table = plainTable(HEAD);
      const data = rows(count);
      for (const row of data) table.push(row);
      expect(table.length).toBe(count);
      const text = table.toString();
      expect(text).toBe(oneTable(data));
      expect(text.split("\n")).toHaveLength(count + 1);
    });
  }
});
