// Before a command opens its first root session: is the organization feature its task needs on? A feature
// known to be off stops the command with the fix (exit 3). When the features cannot be read (a delegated
// administrator without iam:ListOrganizationsFeatures, say), the command goes on and AssumeRoot itself decides.
import type { AwsClients } from "../aws/clients.js";
import { organizationFeatures } from "../aws/organization.js";
import { AwsSetupError } from "../core/errors.js";
import { FEATURE_OF_TASK, featureOffMessage, type RootTask } from "../core/root-features.js";
import type { OrganizationFeatures } from "../core/model.js";

/** The features, or null when they could not be read. */
export async function readFeatures(clients: AwsClients): Promise<OrganizationFeatures | null> {
  return organizationFeatures(clients).catch(() => null);
}

export function isFeatureOff(features: OrganizationFeatures | null, task: RootTask): boolean {
  return features !== null && features[FEATURE_OF_TASK[task]] === false;
}

export async function requireFeatureFor(clients: AwsClients, task: RootTask, command: string): Promise<void> {
  if (isFeatureOff(await readFeatures(clients), task)) {
    throw new AwsSetupError("RS_FEATURE_DISABLED", `${command}: ${featureOffMessage(task)}`);
  }
}
