// The one Ctrl-C handler, driven through a real EventEmitter in place of the process (a real SIGINT would
// reach the test runner too): what each Ctrl-C does, said through the CliIo, exits through its exit hook.
import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { installInterrupt, interruptOf } from "../../src/cli/interrupt.js";
import type { CliIo } from "../../src/cli/io.js";

function testIo() {
  const stderr = new PassThrough();
  let text = "";
  stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exits: number[] = [];
  const io: CliIo = { stdout: new PassThrough(), stderr, stdin: new PassThrough(), env: {}, cwd: "/", exit: (code) => exits.push(code) };
  return { io, exits, stderr: () => text };
}

describe("installInterrupt", () => {
  it("stops a read at once: the signal is aborted and the exit is 130, through io", () => {
    const t = testIo();
    const source = new EventEmitter();
    const interrupt = installInterrupt(t.io, source as unknown as NodeJS.Process);
    source.emit("SIGINT");
    expect(interrupt.signal.aborted).toBe(true);
    expect(t.exits).toEqual([130]);
    interrupt.dispose();
  });

  it("once graceful, lets the step in flight finish on the first Ctrl-C and exits 130 on the second", async () => {
    const t = testIo();
    const source = new EventEmitter();
    const interrupt = installInterrupt(t.io, source as unknown as NodeJS.Process);
    const cleared: string[] = [];
    interrupt.graceful({ before: () => cleared.push("bar"), atOnce: () => "Resume with: rootsweep apply --resume j.jsonl" });
    source.emit("SIGINT");
    await new Promise((resolve) => setImmediate(resolve));
    expect(interrupt.signal.aborted).toBe(true);
    expect(t.exits).toEqual([]);
    expect(t.stderr()).toContain("stopping after the step in flight (Ctrl-C again to stop at once)");
    source.emit("SIGINT");
    await new Promise((resolve) => setImmediate(resolve));
    expect(t.exits).toEqual([130]);
    expect(t.stderr()).toContain("stopping now; the journal shows the last step. Resume with: rootsweep apply --resume j.jsonl");
    expect(cleared).toEqual(["bar", "bar"]);
    interrupt.dispose();
  });

  it("is the one every runner of the command run gets, until disposed; removes its listener", () => {
    const t = testIo();
    const source = new EventEmitter();
    const interrupt = installInterrupt(t.io, source as unknown as NodeJS.Process);
    expect(interruptOf(t.io)).toBe(interrupt);
    expect(source.listenerCount("SIGINT")).toBe(1);
    interrupt.dispose();
    expect(source.listenerCount("SIGINT")).toBe(0);
    expect(interruptOf(t.io)).not.toBe(interrupt);
  });
});
