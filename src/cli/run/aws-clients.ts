// The AWS clients a command runs with, from its --profile and --region flags. Kept out of shared-options.ts
// so that defining commands (at start-up) never loads the AWS SDK.
import { AwsClients } from "../../aws/clients.js";
import type { AwsFlags } from "../shared-options.js";

export function awsClientsFor(flags: AwsFlags): AwsClients {
  return new AwsClients({ ...(flags.profile ? { profile: flags.profile } : {}), ...(flags.region ? { region: flags.region } : {}) });
}
