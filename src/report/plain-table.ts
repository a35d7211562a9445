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

/** A borderless table with these column headings. */
export function plainTable(head: string[]): Table.Table {
  return new Table({ head, chars: NO_BORDER, style: { head: [], border: [], "padding-left": 0, "padding-right": 1, compact: true } });
}
