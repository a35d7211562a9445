// `enable`: the setup step (caller and, when it can be read, the organization), then the enabling steps of
// aws/enable.ts, each reported through onStep as it completes so a failure shows what was already done.
import type { AwsClients } from "../aws/clients.js";
import { type EnableResult, type EnableStep, runEnable } from "../aws/enable.js";
import { setupCaller } from "./setup.js";

export type { EnableResult, EnableStep } from "../aws/enable.js";

export interface EnableRootAccessOptions {
  dryRun: boolean;
  /** Account to register as IAM's delegated administrator. */
  delegate?: string;
  onStep?: (step: EnableStep) => void;
}

export async function enableRootAccess(clients: AwsClients, options: EnableRootAccessOptions): Promise<EnableResult> {
  const setup = await setupCaller(clients, { organization: "optional" });
  return runEnable(clients, {
    setup,
    dryRun: options.dryRun,
    ...(options.delegate ? { delegate: options.delegate } : {}),
    ...(options.onStep ? { onStep: options.onStep } : {}),
  });
}
