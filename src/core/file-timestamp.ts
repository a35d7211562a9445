/** A time for file names: 20261122T101500Z (sorts in time order, no characters a shell or Windows minds). */
export function fileTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}
