// The spill file of a streamed audit: rows come back in report order, the file is private (0600) and gone
// from its folder from the start (or at close where it cannot be unlinked while open), and a failed write
// or read is a clear error naming the file.
import { mkdtempSync, readdirSync, writeSync } from "node:fs";
import { open, unlink } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareAccounts } from "../../src/core/account-order.js";
import { UsageError } from "../../src/core/errors.js";
import type { AccountAudit } from "../../src/core/model.js";
import { RowSpill } from "../../src/engine/row-spill.js";

const fresh = () => mkdtempSync(join(tmpdir(), "rootsweep-spill-"));

function row(accountId: string, name: string, status: AccountAudit["status"] = "audited"): AccountAudit {
  return {
    accountId,
    name,
    email: `${name}@example.com`,
    accountStatus: "ACTIVE",
    ouPath: "Root/Workloads",
    status,
    error: null,
    root: null,
    findings: [],
    auditedAt: "2026-01-01T00:00:00.000Z",
    parentId: "ou-abcd-12345678",
  };
}

// Names a sort or a line-based file could trip on: newlines, a line separator, multi-byte text, equal names.
const ROWS = [
  row("444444444444", "beta"),
  row("999999999999", "Ærø\nline two"),
  row("111111111111", "zzz management", "management"),
  row("333333333333", "beta"),
  row("222222222222", 'alpha \u2028 "quoted" 🚀'),
  row("555555555555", "", "skipped"),
];

/** `open` whose handles answer a property with what `override` gives for it (undefined: the real handle's own). */
function openWith(override: (property: string | symbol) => unknown): typeof open {
  return (async (path: string, flags: string, mode: number) => {
    const real = await open(path, flags, mode);
    return new Proxy(real, {
      get(target, property) {
        const replaced = override(property);
        if (replaced !== undefined) return replaced;
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }) as typeof open;
}

async function collect<Row>(rows: AsyncIterable<Row>): Promise<Row[]> {
  const out: Row[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe("RowSpill", () => {
  it("gives the rows back, added concurrently in any order, in report order and unchanged", async () => {
    const spill = await RowSpill.open<AccountAudit>({ dir: fresh() });
    try {
      await Promise.all(ROWS.map((r) => spill.add(r, r)));
      expect(spill.size).toBe(ROWS.length);
      const back = await collect(spill.sorted());
      expect(back).toEqual([...ROWS].sort(compareAccounts));
      // Management first; then by name as the locale sorts it ("Ærø" with the a-s), equal names by id.
      expect(back.map((r) => r.accountId)).toEqual(["111111111111", "555555555555", "999999999999", "222222222222", "333333333333", "444444444444"]);
      // Read twice: the index is not consumed.
      expect(await collect(spill.sorted())).toEqual(back);
    } finally {
      await spill.close();
    }
  });

  it("writes rows in batches: thousands of rows, added concurrently, cross batch edges whole", async () => {
    let writes = 0;
    const counting = ((...args: Parameters<typeof writeSync>) => {
      writes++;
      return writeSync(...args);
    }) as typeof writeSync;
    const spill = await RowSpill.open<AccountAudit>({ dir: fresh(), writeFile: counting });
    try {
      const many = Array.from({ length: 3000 }, (_, i) => row(String(100000000000 + i), `acct ${i % 7} ${"é".repeat(i % 13)}`));
      await Promise.all(many.map((r) => spill.add(r, r)));
      const back = await collect(spill.sorted());
      expect(back).toEqual([...many].sort(compareAccounts));
      // About 800 KB of rows in 64 KB batches, not one write per row.
      expect(writes).toBeGreaterThan(5);
      expect(writes).toBeLessThan(40);
    } finally {
      await spill.close();
    }
  });

  it("orders rows by the key given with each, and names its file by what the rows are of", async () => {
    const dir = fresh();
    const spill = await RowSpill.open<{ id: string; label: string }>({ dir, of: "plan" });
    try {
      expect(spill.path.startsWith(join(dir, ".rootsweep-plan-"))).toBe(true);
      await spill.add({ id: "222222222222", label: "second" }, { status: "audited", name: "b", accountId: "222222222222" });
      await spill.add({ id: "111111111111", label: "first" }, { status: "audited", name: "a", accountId: "111111111111" });
      expect((await collect(spill.sorted())).map((r) => r.label)).toEqual(["first", "second"]);
    } finally {
      await spill.close();
    }
  });

  it("forgets its rows when cleared", async () => {
    const spill = await RowSpill.open<AccountAudit>({ dir: fresh() });
    try {
      const before = Array.from({ length: 2000 }, (_, i) => row(String(100000000000 + i), `old ${i} ${"x".repeat(i % 50)}`));
      const writing = Promise.all(before.map((r) => spill.add(r, r)));
      spill.clear();
      expect(spill.size).toBe(0);
      const after = [row("300000000000", "new b"), row("200000000000", "new a")];
      for (const r of after) await spill.add(r, r);
      await writing;
      expect(await collect(spill.sorted())).toEqual([after[1], after[0]]);
    } finally {
      await spill.close();
    }
  });

  it("finds each row by its account id, and gives every row back in the order added (audit --compare's lookups)", async () => {
    const spill = await RowSpill.open<AccountAudit>({ dir: fresh() });
    try {
      // Ids that are not twelve digits too, which the index keeps apart, and one id added twice (the last wins).
      const odd = [row("12345", "short"), row("abc", "letters"), row("000000000000", "zeros"), row("1234567890123", "thirteen")];
      const many = Array.from({ length: 3000 }, (_, i) => row(String(100000000000 + ((i * 7919) % 3000) * 1000).padStart(12, "0"), `row ${i}`));
      const again = row(many[10]!.accountId, "added again");
      const rows = [...ROWS, ...odd, ...many, again];
      await Promise.all(rows.map((r) => spill.add(r, r)));
      for (const r of [...ROWS, ...odd, ...many.filter((m) => m.accountId !== again.accountId)]) expect(spill.find(r.accountId)).toEqual(r);
      expect(spill.find(again.accountId)).toEqual(again);
      for (const missing of ["100000000001", "999999999998", "12346", "ab", "", "0000000000000"]) expect(spill.find(missing), missing).toBeUndefined();
      expect([...spill.all()]).toEqual(rows);
      // Rows added after a lookup are found too.
      const late = row("777777777777", "late");
      await spill.add(late, late);
      expect(spill.find(late.accountId)).toEqual(late);
    } finally {
      await spill.close();
    }
  });

  it("is private (0600 whatever the umask) and already gone from its folder while in use", async () => {
    const dir = fresh();
    let handle: FileHandle | undefined;
    const opening = (async (path: string, flags: string, mode: number) => {
      handle = await open(path, flags, mode);
      return handle;
    }) as typeof open;
    const previous = process.umask(0o000);
    let spill: RowSpill<AccountAudit>;
    try {
      spill = await RowSpill.open<AccountAudit>({ dir, openFile: opening });
    } finally {
      process.umask(previous);
    }
    try {
      await spill.add(ROWS[0]!, ROWS[0]!);
      expect(spill.path.startsWith(join(dir, ".rootsweep-audit-"))).toBe(true);
      expect(((await handle!.stat()).mode & 0o777).toString(8)).toBe("600");
      // Nothing to leave behind however the process ends: the name is unlinked, the open file stays readable.
      expect(readdirSync(dir)).toEqual([]);
      expect(await collect(spill.sorted())).toEqual([ROWS[0]]);
    } finally {
      await spill.close();
    }
    await spill.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removes the file at close where it could not be unlinked while open, also when the audit failed", async () => {
    const dir = fresh();
    let refused = 0;
    const noUnlinkWhileOpen = (async (path: string) => {
      if (refused++ === 0) throw Object.assign(new Error("EPERM: busy"), { code: "EPERM" });
      return unlink(path);
    }) as typeof unlink;
    const spill = await RowSpill.open<AccountAudit>({ dir, unlinkFile: noUnlinkWhileOpen });
    await spill.add(ROWS[1]!, ROWS[1]!);
    expect(readdirSync(dir)).toHaveLength(1);
    try {
      throw new Error("the audit failed midway");
    } catch {
      await spill.close();
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("names the file and the disk full when a row cannot be written", async () => {
    const full = (() => {
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    }) as typeof writeSync;
    const spill = await RowSpill.open<AccountAudit>({ dir: fresh(), writeFile: full });
    try {
      // Rows are written in batches: the add that fills one (or the flush before reading) reports the failure.
      await spill.add(ROWS[0]!, ROWS[0]!);
      const error = await spill.flush().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).code).toBe("RS_DISK_FULL");
      expect((error as UsageError).message).toMatch(/the audit's temporary row file: disk full: cannot write .*\.rootsweep-audit-.*ENOSPC/);
      // Every later add and read reports it too: no row is silently lost.
      await expect(spill.add(ROWS[1]!, ROWS[1]!)).rejects.toBe(error);
      await expect(collect(spill.sorted())).rejects.toBe(error);
      expect(() => spill.find(ROWS[0]!.accountId)).toThrow(error);
      expect(() => [...spill.all()]).toThrow(error);
    } finally {
      await spill.close();
    }
  });

  it("names the file when a row cannot be read back", async () => {
    // Rows are read back with synchronous reads of the handle's descriptor: one that stops working once written.
    let broken = false;
    const unreadable = openWith((property) => (property === "fd" && broken ? 2 ** 30 : undefined));
    const spill = await RowSpill.open<AccountAudit>({ dir: fresh(), openFile: unreadable });
    try {
      await spill.add(ROWS[0]!, ROWS[0]!);
      await spill.flush();
      broken = true;
      const error = await collect(spill.sorted()).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/the audit's temporary row file: cannot read .*\.rootsweep-audit-.* back: EBADF/);
    } finally {
      await spill.close();
    }
  });

  it("cannot be created in a folder that does not exist: a usage error naming it", async () => {
    const error = await RowSpill.open<AccountAudit>({ dir: join(fresh(), "missing") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(/cannot write .*missing.*ENOENT/);
  });
});
