// A progress bar on stderr, only on a terminal: pipes and CI logs get none.
import { SingleBar } from "cli-progress";
import type { CliIo } from "./io.js";
import { escapeText } from "../report/terminal-text.js";

export interface Progress {
  start(total: number): void;
  setTotal(total: number): void;
  tick(): void;
  stop(): void;
}

const silent: Progress = { start() {}, setTotal() {}, tick() {}, stop() {} };

export function progressBar(io: CliIo, enabled: boolean, label: string): Progress {
  if (!enabled || io.stderr.isTTY !== true || io.env.CI) return silent;
  const bar = new SingleBar({
    format: `${escapeText(label)} [{bar}] {value}/{total} accounts`,
    stream: io.stderr,
    hideCursor: true,
    clearOnComplete: true,
    barsize: 30,
  });
  let started = false;
  return {
    start(total) {
      bar.start(total, 0);
      started = true;
    },
    setTotal(total) {
      if (started) bar.setTotal(total);
    },
    tick() {
      if (started) bar.increment();
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** The audit engine's progress events drive the bar: it starts at the first account and grows as the walk finds more. */
export function onAccountProgress(progress: Progress): (event: { type: string; total?: number }) => void {
  let total = 0;
  return (event) => {
    if (event.type !== "account" || event.total === undefined) return;
    if (event.total !== total) {
      if (total === 0) progress.start(event.total);
      else progress.setTotal(event.total);
      total = event.total;
    }
    progress.tick();
  };
}
