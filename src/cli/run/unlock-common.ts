// Pieces every `rootsweep unlock` mode shares at the terminal: the prompt (as apply: on a terminal, --yes
// answers for automation) and the queue Regions. The root session itself is engine/unlock-session.ts.
import { confirm } from "@inquirer/prompts";
import type { AwsClients } from "../../engine/clients.js";
import type { UnlockFlags } from "./unlock-flags.js";
import type { CliIo } from "../io.js";
import { isPromptExit, promptMessage, promptStreams } from "../prompt.js";
import { givenQueueRegions, note } from "./unlock-input.js";

/** Asks on the terminal (prompt on stderr); --yes answers yes. */
export async function ask(flags: UnlockFlags, io: CliIo, message: string): Promise<boolean> {
  if (flags.yes) return true;
  return confirm({ message: promptMessage(message), default: false }, promptStreams(io));
}

/** `ask`, where Ctrl-C at the prompt answers "stopped" after saying `whenStopped` (what was left as it was). */
export async function askOrStop(flags: UnlockFlags, io: CliIo, message: string, whenStopped: string): Promise<boolean | "stopped"> {
  try {
    return await ask(flags, io, message);
  } catch (error) {
    if (!isPromptExit(error)) throw error;
    note(io, `stopped at the prompt; ${whenStopped}.`);
    return "stopped";
  }
}

/** The Regions to look for queues in: --queue-region values, else the default Region. */
export async function queueRegions(flags: UnlockFlags, clients: AwsClients): Promise<string[]> {
  const given = givenQueueRegions(flags);
  return given.length > 0 ? given : [await clients.region()];
}
