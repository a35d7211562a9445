// Streamed text gathered into pieces of at least `minChars` characters (the last may be shorter): one write
// or system call per piece instead of one per row, with only about a piece held at once.

export async function* textBatches(chunks: AsyncIterable<string>, minChars: number): AsyncGenerator<string> {
  let pending = "";
  for await (const chunk of chunks) {
    pending += chunk;
    if (pending.length < minChars) continue;
    yield pending;
    pending = "";
  }
  if (pending) yield pending;
}
