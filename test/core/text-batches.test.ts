import { describe, expect, it } from "vitest";
import { textBatches } from "../../src/core/text-batches.js";

async function* from(chunks: string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield await Promise.resolve(chunk);
}

async function collect(chunks: string[], minChars: number): Promise<string[]> {
  const out: string[] = [];
  for await (const piece of textBatches(from(chunks), minChars)) out.push(piece);
  return out;
}

describe("textBatches", () => {
  it("gathers chunks into pieces of at least minChars, the last one shorter, losing nothing", async () => {
    expect(await collect(["ab", "cd", "e", "fghij", "k"], 4)).toEqual(["abcd", "efghij", "k"]);
  });

  it("yields nothing for no text, and a long chunk as it is", async () => {
    expect(await collect([], 4)).toEqual([]);
    expect(await collect(["", ""], 4)).toEqual([]);
    expect(await collect(["abcdefgh"], 4)).toEqual(["abcdefgh"]);
  });
});
