// Every write to AWS goes through one guarded path: a client created for reading refuses to send a
// command that changes anything, before it leaves the process. Audits and plans build read clients.
import type { MiddlewareStack } from "@smithy/types";

export type WriteMode = "read" | "write";

/** Commands that change nothing, though their names do not say Get/List/Describe. */
const READ_EXCEPTIONS = new Set([
  // Issues short-lived credentials; changes no resource.
  "AssumeRootCommand",
  "GetCallerIdentityCommand",
  // Starts building a report of existing credentials; changes no credential.
  "GenerateCredentialReportCommand",
]);

export function isReadCommand(commandName: string): boolean {
  return /^(Get|List|Describe|Lookup|Head)/.test(commandName) || READ_EXCEPTIONS.has(commandName);
}

export class WriteRefusedError extends Error {
  constructor(readonly commandName: string) {
    super(`rootsweep refused to send ${commandName.replace(/Command$/, "")}: this client is read-only (a bug: audit and plan never write).`);
    this.name = "WriteRefusedError";
  }
}

// Every client's stack is typed by its own service's inputs and outputs; the guard only reads the command name.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function guardWrites<T extends { middlewareStack: MiddlewareStack<any, any> }>(client: T, mode: WriteMode): T {
  if (mode === "write") return client;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? "UnknownCommand";
      if (!isReadCommand(name)) throw new WriteRefusedError(name);
      return next(args);
    },
    { step: "initialize", name: "rootsweepReadOnlyGuard", priority: "high" },
  );
  return client;
}
