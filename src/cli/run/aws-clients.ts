// The AWS clients a command runs with, from its --profile, --region and --timeout flags. Kept out of
// shared-options.ts so that defining commands (at start-up) never loads the AWS SDK.
import { AwsClients, type AwsOptions, type AwsSettings } from "../../aws/clients.js";
import { silentEndpointBoundSeconds } from "../../aws/timeouts.js";
import { redactProxy } from "../../aws/proxy.js";
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
  const clients = await AwsClients.create(awsOptionsFor(flags), io.env);
  if (flags.verbose) describeSettings(clients.settings, io);
  return clients;
}

/** --verbose: where the Region came from and how requests leave this machine. Proxy passwords are not shown. */
export function describeSettings(settings: AwsSettings, io: CliIo): void {
  const { region, caBundle, timeoutSeconds } = settings;
  writeLine(io.stderr, `rootsweep: region ${region.region} (from ${region.source === "default" ? "the default, nothing configured" : region.source})`);
  const proxies = ["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY"]
    .map((name) => [name, io.env[name.toLowerCase()] || io.env[name]] as const)
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}=${redactProxy(value!.includes("://") ? value! : `http://${value!}`)}`);
  const noProxy = io.env.no_proxy || io.env.NO_PROXY;
  writeLine(io.stderr, `rootsweep: proxy ${proxies.length ? proxies.join(", ") : "none"}${noProxy ? `, NO_PROXY=${noProxy}` : ""}`);
  if (caBundle) writeLine(io.stderr, `rootsweep: CA bundle ${caBundle.path} (from ${caBundle.source}), added to Node's trusted CAs`);
  writeLine(io.stderr, `rootsweep: timeout ${timeoutSeconds} s per request; an endpoint that never answers ends the run within ${silentEndpointBoundSeconds(timeoutSeconds)} s`);
}
