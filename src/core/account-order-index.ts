// The report order of a streamed audit's rows, kept while the rows themselves wait in a spill file: each
// row's sort key (core/account-order.ts) and where the row is, in parallel arrays rather than an object per
// row, and each account id (twelve digits) as a number rather than a string. For 50,000 rows that is 2.6 MB
// of heap; an object and an id string per row took 5.7 MB, most of what a streamed audit's memory grew by.
import { accountRank, type AccountOrderKey, compareText } from "./account-order.js";

const TWELVE_DIGITS = /^\d{12}$/;

/** An account id as the index keeps it: its number when it is twelve digits, NaN for any other. */
function idNumber(accountId: string): number {
  return TWELVE_DIGITS.test(accountId) ? Number(accountId) : Number.NaN;
}

export class AccountOrderIndex {
  private readonly names: string[] = [];
  /** Each row's accountRank: what compareAccounts orders by first. */
  private readonly ranks: number[] = [];
  /** The id as a number when it is twelve digits, as every AWS account id is; NaN for any other, kept in otherIds. */
  private readonly ids: number[] = [];
  private readonly otherIds = new Map<number, string>();
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  /** The rows in order of account id, for findRow: made when first needed, dropped by add. */
  private idOrder: Uint32Array | undefined;

  get size(): number {
    return this.names.length;
  }

  /** Adds a row: its sort key, and where it is (given back as it is, in report order). */
  add(key: AccountOrderKey, offset: number, length: number): void {
    const row = this.names.length;
    this.names.push(key.name);
    this.ranks.push(accountRank(key.status));
    const id = idNumber(key.accountId);
    this.ids.push(id);
    if (Number.isNaN(id)) this.otherIds.set(row, key.accountId);
    this.offsets.push(offset);
    this.lengths.push(length);
    this.idOrder = undefined;
  }

  /** The row of an account id (of those added, the last one with that id), or undefined. */
  findRow(accountId: string): number | undefined {
    const order = (this.idOrder ??= this.orderById());
    const id = idNumber(accountId);
    // The last row whose id is not after the one looked for; rows of one id keep the order they were added in.
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compareIdWith(order[middle]!, id, accountId) <= 0) low = middle + 1;
      else high = middle;
    }
    const row = low > 0 ? order[low - 1]! : undefined;
    return row !== undefined && this.compareIdWith(row, id, accountId) === 0 ? row : undefined;
  }

  /** The rows, numbered as they were added, in the order compareAccounts gives their keys. */
  order(): Uint32Array {
    const rows = new Uint32Array(this.size);
    for (let row = 0; row < rows.length; row++) rows[row] = row;
    return rows.sort((a, b) => this.ranks[a]! - this.ranks[b]! || compareText(this.names[a]!, this.names[b]!) || this.compareIds(a, b));
  }

  offsetOf(row: number): number {
    return this.offsets[row]!;
  }

  lengthOf(row: number): number {
    return this.lengths[row]!;
  }

  accountIdOf(row: number): string {
    const id = this.ids[row]!;
    return Number.isNaN(id) ? this.otherIds.get(row)! : String(id).padStart(12, "0");
  }

  /** The rows by account id (twelve-digit ids first, by number; then the others, as text), added order within one id. */
  private orderById(): Uint32Array {
    const rows = new Uint32Array(this.size);
    for (let row = 0; row < rows.length; row++) rows[row] = row;
    // compareIdWith reads the text only when both ids are not twelve digits, and such an id is in otherIds.
    return rows.sort((a, b) => this.compareIdWith(a, this.ids[b]!, this.otherIds.get(b) ?? "") || a - b);
  }

  /** A row's id against an id given as its number (NaN when not twelve digits) and its text. */
  private compareIdWith(row: number, id: number, text: string): number {
    const own = this.ids[row]!;
    if (!Number.isNaN(own) && !Number.isNaN(id)) return own < id ? -1 : own > id ? 1 : 0;
    if (Number.isNaN(own) !== Number.isNaN(id)) return Number.isNaN(own) ? 1 : -1;
    const mine = this.accountIdOf(row);
    return mine < text ? -1 : mine > text ? 1 : 0;
  }

  private compareIds(a: number, b: number): number {
    const x = this.ids[a]!;
    const y = this.ids[b]!;
    // Two ids of twelve digits collate as their numbers compare: digits collate in numeric order.
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x < y ? -1 : x > y ? 1 : 0;
    return compareText(this.accountIdOf(a), this.accountIdOf(b));
  }
}
