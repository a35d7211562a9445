// The AWS clients a command runs with, from its --profile, --region and --timeout flags. Kept out of
// shared-options.ts so that defining commands (at start-up) never loads the AWS SDK.
import { type AwsClients, type AwsOptions, type AwsSettings, describeConnection, openClients } from "../../engine/clients.js";
import { type CliIo, writeLine } from "../io.js";
import type { AwsFlags } from "../shared-options.js";

export function awsOptionsFor(flags: AwsFlags): AwsOptions {
  return {
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.region !== undefined ? { region: flags.region } : {}),
    ...(flags.timeout !== undefined ? { timeoutSeconds: flags.timeout } : {}),
  };
}

/** Clients for the command; a bad Region, CA bundle or timeout is a usage error (exit 2) before any call. */
export async function awsClientsFor(flags: AwsFlags, io: CliIo): Promise<AwsClients> {
  const clients = await openClients(awsOptionsFor(flags), io.env);
  if (flags.verbose) describeSettings(clients.settings, io);
  return clients;
}

/** --verbose: where the Region came from and how requests leave this machine. Proxy passwords are not shown. */
export function describeSettings(settings: AwsSettings, io: CliIo): void {
  const d = describeConnection(settings, io.env);
  writeLine(io.stderr, `rootsweep: region ${d.region} (from ${d.regionSource === "default" ? "the default, nothing configured" : d.regionSource})`);
  writeLine(io.stderr, `rootsweep: proxy ${d.proxies.length ? d.proxies.join(", ") : "none"}${d.noProxy ? `, NO_PROXY=${d.noProxy}` : ""}`);
  if (d.caBundle) writeLine(io.stderr, `rootsweep: CA bundle ${d.caBundle.path} (from ${d.caBundle.source}), added to Node's trusted CAs`);
  writeLine(io.stderr, `rootsweep: timeout ${d.timeoutSeconds} s per request; an endpoint that never answers ends the run within ${d.silentBoundSeconds} s`);
}
