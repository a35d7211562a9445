// Parses account lists: "111111111111,222222222222" on the command line, or a file given as @path with
// one ID per line. Blank lines, # comments, CRLF line ends and a UTF-8 BOM are accepted; anything else
// is an error naming the source, the line and the value, and nothing is partially accepted.
import { UsageError } from "./errors.js";

const ACCOUNT_ID = /^\d{12}$/;

export function parseAccountIds(text: string, source: string): string[] {
  const ids: string[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = rawLine.replace(/#.*$/, "").trim();
    if (!line) return;
    for (const part of line.split(",")) {
      const value = part.trim();
      if (!value) continue;
      if (!ACCOUNT_ID.test(value)) {
        const where = lines.length > 1 ? `${source} line ${index + 1}` : source;
        throw new UsageError("RS_BAD_ACCOUNT_ID", `${where}: "${truncate(value)}" is not a 12-digit AWS account ID`);
      }
      ids.push(value);
    }
  });
  return [...new Set(ids)];
}

/** OU ids look like ou-abcd-12345678; the root is r-abcd. */
export function parseOuId(value: string): string {
  const id = value.trim();
  if (!/^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/.test(id)) {
    throw new UsageError("RS_BAD_OU_ID", `--ou: "${truncate(id)}" is not an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)`);
  }
  return id;
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}
