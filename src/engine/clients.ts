// The one way in to AWS for the command line and library users: build the clients (Region, CA bundle, proxy,
// timeouts resolved once) and describe how requests will leave this machine. The cli layer renders that
// description; it never reaches into src/aws itself.
import { AwsClients, type AwsOptions, type AwsSettings } from "../aws/clients.js";
import { redactProxy } from "../aws/proxy.js";
import { silentEndpointBoundSeconds } from "../core/timeouts.js";

export type { AwsClients, AwsOptions, AwsSettings };

/** Clients for one profile; a bad Region, CA bundle or timeout is a usage error (exit 2) before any call. */
export function openClients(options: AwsOptions, env: NodeJS.ProcessEnv): Promise<AwsClients> {
  return AwsClients.create(options, env);
}

/** How requests leave this machine, for --verbose. Proxy passwords are already redacted. */
export interface ConnectionDescription {
  region: string;
  /** Where the Region came from; "default" when nothing configured it. */
  regionSource: string;
  /** NAME=URL for each proxy variable that is set. */
  proxies: string[];
  noProxy?: string;
  caBundle?: { path: string; source: string };
  timeoutSeconds: number;
  /** Longest a run waits on an endpoint that never answers. */
  silentBoundSeconds: number;
}

export function describeConnection(settings: AwsSettings, env: NodeJS.ProcessEnv): ConnectionDescription {
  const { region, caBundle, timeoutSeconds } = settings;
  const proxies = ["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY"]
    .map((name) => [name, env[name.toLowerCase()] || env[name]] as const)
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}=${redactProxy(value!.includes("://") ? value! : `http://${value!}`)}`);
  const noProxy = env.no_proxy || env.NO_PROXY;
  return {
    region: region.region,
    regionSource: region.source,
    proxies,
    ...(noProxy ? { noProxy } : {}),
    ...(caBundle ? { caBundle: { path: caBundle.path, source: caBundle.source } } : {}),
    timeoutSeconds,
    silentBoundSeconds: silentEndpointBoundSeconds(timeoutSeconds),
  };
}
