// Progress on stderr, only on a terminal: pipes and CI logs get none. While the total is unknown (the
// organization walk is still finding accounts) it is a spinner with a count; the bar appears only once the
// total is known, so its end never moves and it never runs backwards.
import { SingleBar } from "cli-progress";
import type { CliIo } from "./io.js";
import type { AuditProgress } from "../engine/audit-progress.js";
import { pluralWord } from "../core/plural.js";
import { escapeText } from "../report/terminal-text.js";

export interface Progress {
  /** The total is not known yet: `found` items so far, `done` of them finished. */
  discovering(found: number, done: number): void;
  /** The total is known (and final): the bar starts at `done`. */
  start(total: number, done?: number): void;
  tick(): void;
  stop(): void;
}

const silent: Progress = { discovering() {}, start() {}, tick() {}, stop() {} };

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const SPIN_MS = 100;
const CLEAR_LINE = "\r\x1b[2K";

export function progressBar(io: CliIo, enabled: boolean, label: string, noun = "account"): Progress {
  if (!enabled || io.stderr.isTTY !== true || io.env.CI) return silent;
  const safeLabel = escapeText(label);
  const bar = new SingleBar({
    format: `${safeLabel} [{bar}] {value}/{total} {noun}`,
    stream: io.stderr,
    hideCursor: true,
    clearOnComplete: true,
    barsize: 30,
  });
  let started = false;
  let spinner: { timer: NodeJS.Timeout; found: number; done: number; frame: number } | undefined;
  const drawSpinner = () => {
    if (!spinner) return;
    const frame = FRAMES[spinner.frame++ % FRAMES.length]!;
    io.stderr.write(`${CLEAR_LINE}${safeLabel} ${frame} discovering ${pluralWord(2, noun)}… ${spinner.found} found, ${spinner.done} done`);
  };
  const stopSpinner = () => {
    if (!spinner) return;
    clearInterval(spinner.timer);
    spinner = undefined;
    io.stderr.write(CLEAR_LINE);
  };
  return {
    discovering(found, done) {
      if (started) return;
      if (!spinner) {
        const timer = setInterval(drawSpinner, SPIN_MS);
        // The spinner must never keep the process alive on its own.
        timer.unref();
        spinner = { timer, found, done, frame: 0 };
      }
      const changed = spinner.found !== found || spinner.done !== done || spinner.frame === 0;
      spinner.found = found;
      spinner.done = done;
      if (changed) drawSpinner();
    },
    start(total, done = 0) {
      stopSpinner();
      bar.start(total, done, { noun: pluralWord(total, noun) });
      started = true;
    },
    tick() {
      if (started) bar.increment();
    },
    stop() {
      stopSpinner();
      if (started) bar.stop();
      started = false;
    },
  };
}

/**
 * The audit engine's progress events drive the display: a spinner with a count while the walk finds
 * accounts, then the bar, from the accounts already done to the final total.
 */
export function onAuditProgress(progress: Progress): (event: AuditProgress) => void {
  let total: number | undefined;
  let found = 0;
  let done = 0;
  return (event) => {
    switch (event.type) {
      case "discovering":
        found = event.found;
        if (total === undefined) progress.discovering(found, done);
        return;
      case "discovered":
        total = event.total;
        progress.start(total, Math.min(done, total));
        return;
      case "account":
        done++;
        if (total === undefined) progress.discovering(Math.max(found, done), done);
        else progress.tick();
        return;
    }
  };
}
