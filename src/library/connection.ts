// What every library call takes to reach AWS, and the one way it opens and closes its clients. Nothing here
// writes to stdout or stderr: progress and notices go to the callbacks the caller passes.
import { type AwsClients, type AwsOptions, openClients } from "../engine/clients.js";

export type { AwsOptions };

export interface ConnectionOptions {
  /**
   * How to reach AWS: `credentials` (or a provider of them) and `region`, or a `profile`; `endpoint` for one
   * endpoint for every service (the sandbox). Left out, the SDK's chain and AWS_REGION apply, as for the CLI.
   */
  aws?: AwsOptions;
  /** Stops the call: see docs/library.md, "Cancellation", for what each call does with it. */
  signal?: AbortSignal;
}

export async function withClients<T>(options: ConnectionOptions, work: (clients: AwsClients) => Promise<T>): Promise<T> {
  const clients = await openClients(options.aws ?? {}, process.env);
  try {
    return await work(clients);
  } finally {
    clients.destroy();
  }
}
