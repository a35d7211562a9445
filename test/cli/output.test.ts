// writeStreamedResult to stdout: it waits for a full pipe to drain, and never for a 'drain' that already came.
import { PassThrough, Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { writeStreamedResult } from "../../src/cli/output.js";

const PIECE = "x".repeat(70 * 1024);

function ioWith(stdout: Writable): CliIo {
  return { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd: "/" };
}

/** Resolves to "timeout" when `promise` has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  return Promise.race([promise, sleep(ms).then(() => "timeout" as const)]);
}

describe("writeStreamedResult to stdout", () => {
  it("finishes when the pipe drained while the next piece was still being read", async () => {
    const written: string[] = [];
    // A reader that takes each write on the next turn: 'drain' comes long before the slow source's next piece.
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString());
        setImmediate(done);
      },
    });
    let drains = 0;
    stdout.on("drain", () => drains++);
    async function* slowSource() {
      for (let i = 0; i < 3; i++) {
        yield PIECE;
        await sleep(20);
      }
    }
    const result = await within(writeStreamedResult(ioWith(stdout), slowSource()), 2_000);
    expect(result).toBeUndefined();
    expect(drains).toBeGreaterThan(0);
    expect(written.join("")).toBe(PIECE.repeat(3));
  });

  it("takes no more from the source while the pipe is full, and goes on once it drains", async () => {
    const pending: Array<() => void> = [];
    const written: string[] = [];
    // A reader that takes nothing until the test lets it.
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString());
        pending.push(done);
      },
    });
    let pulled = 0;
    async function* source() {
      for (let i = 0; i < 3; i++) {
        pulled++;
        yield await Promise.resolve(PIECE);
      }
    }
    const writing = writeStreamedResult(ioWith(stdout), source());
    await sleep(30);
    // The first piece filled the pipe; the second is ready but waits for the reader.
    expect(pulled).toBe(2);
    expect(written).toHaveLength(1);
    while (pending.length > 0 || (await within(writing, 10)) === "timeout") pending.shift()?.();
    expect(written.join("")).toBe(PIECE.repeat(3));
  });
});
