// The one table style of rootsweep's terminal output: no borders, columns one space apart, no padding on the
// left, so rows copy and paste (and grep) as plain text.
import Table from "cli-table3";

const NO_BORDER = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: " ",
};

/**
 * Rows laid out at a time. cli-table3's layout compares every cell with every earlier one (for spans), so a
 * table of 50,000 accounts took five minutes; laid out in pieces of this many rows, it takes a second.
 */
const PIECE_ROWS = 500;

export interface PlainTable {
  push(...rows: string[][]): number;
  readonly length: number;
  toString(): string;
}

/** The cli-table3 options of the style, fresh each time (the test lays a whole table out with them to compare). */
export function plainTableOptions(): Pick<Table.TableConstructorOptions, "chars" | "style"> {
  return { chars: { ...NO_BORDER }, style: { head: [], border: [], "padding-left": 0, "padding-right": 1, compact: true } };
}

function cliTable(head: string[], colWidths?: number[]): Table.Table {
  return new Table({ head, ...plainTableOptions(), ...(colWidths ? { colWidths } : {}) });
}

function laidOut(head: string[], rows: readonly string[][], colWidths?: number[]): Table.Table {
  const table = cliTable(head, colWidths);
  table.push(...rows);
  return table;
}

/**
 * A borderless table with these column headings. Large tables are laid out a piece at a time with the widths
 * the whole would have (the widest cell of each column), so the text is the same as one cli-table3 table's.
 */
export function plainTable(head: string[]): PlainTable {
  const rows: string[][] = [];
  return {
    push: (...more) => rows.push(...more),
    get length() {
      return rows.length;
    },
    toString() {
      if (rows.length <= PIECE_ROWS) return laidOut(head, rows).toString();
      const pieces: string[][][] = [];
      for (let i = 0; i < rows.length; i += PIECE_ROWS) pieces.push(rows.slice(i, i + PIECE_ROWS));
      // Each piece laid out alone gives its own widths (cli-table3 writes them into colWidths); the whole
      // table's are the widest of each column.
      const widths: number[] = [];
      pieces.forEach((piece, i) => {
        const table = laidOut(i === 0 ? head : [], piece);
        table.toString();
        (table.options.colWidths as number[]).forEach((w, column) => (widths[column] = Math.max(widths[column] ?? 0, w)));
      });
      return pieces.map((piece, i) => laidOut(i === 0 ? head : [], piece, [...widths]).toString()).join("\n");
    },
  };
}
