// The one Ctrl-C handler, installed once per command run (main.ts) and handed to the command through its
// CliIo. Every command gets the same AbortController's signal. By default a Ctrl-C stops at once (exit 130),
// as it did before there was a handler: reads have nothing to finish. A command that changes things and
// journals them calls graceful(): then the first Ctrl-C aborts the signal and says so (the step in flight
// finishes and is journaled; nothing new starts), and a second one exits 130 at once.
import { EXIT } from "../core/errors.js";
import { type CliIo, writeLine } from "./io.js";

export interface GracefulStop {
  /** What finishes before stopping, for the message: "the step in flight", "the resource in flight". */
  inFlight?: string;
  /** Run before any message: a progress bar is cleared so nothing is drawn over it. */
  before?: () => void;
  /** Said when a second Ctrl-C stops at once (e.g. the resume command). */
  atOnce?: () => string;
}

export interface Interrupt {
  readonly signal: AbortSignal;
  /** Stops as a first Ctrl-C does, without its message (e.g. "quit" at a prompt). */
  abort(): void;
  graceful(stop: GracefulStop): void;
  dispose(): void;
}

type SignalSource = Pick<NodeJS.Process, "on" | "off">;

const installed = new WeakMap<CliIo, Interrupt>();

export function installInterrupt(io: CliIo, source: SignalSource = process): Interrupt {
  const controller = new AbortController();
  let stop: GracefulStop | undefined;
  const exit = (code: number) => (io.exit ? io.exit(code) : process.exit(code));
  const onSigint = () => {
    stop?.before?.();
    if (!stop) {
      controller.abort();
      return exit(EXIT.interrupted);
    }
    if (controller.signal.aborted) {
      writeLine(io.stderr, `\nrootsweep: stopping now; the journal shows the last step.${stop.atOnce ? ` ${stop.atOnce()}` : ""}`);
      return exit(EXIT.interrupted);
    }
    controller.abort();
    writeLine(io.stderr, `\nrootsweep: stopping after ${stop.inFlight ?? "the step in flight"} (Ctrl-C again to stop at once)...`);
  };
  source.on("SIGINT", onSigint);
  const interrupt: Interrupt = {
    signal: controller.signal,
    abort: () => controller.abort(),
    graceful: (given) => {
      stop = given;
    },
    dispose: () => {
      source.off("SIGINT", onSigint);
      if (installed.get(io) === interrupt) installed.delete(io);
    },
  };
  installed.set(io, interrupt);
  return interrupt;
}

/**
 * The interrupt of this command run. A runner called without main (a test, a library user) gets one with
 * no handler: its signal is aborted only from inside (abort()).
 */
export function interruptOf(io: CliIo): Interrupt {
  const existing = installed.get(io);
  if (existing) return existing;
  const controller = new AbortController();
  return { signal: controller.signal, abort: () => controller.abort(), graceful: () => undefined, dispose: () => undefined };
}
