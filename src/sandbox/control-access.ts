// Who may use the control API. GET /_sandbox/state holds the administrator's secret key, and the POST routes
// change how the sandbox behaves, so a web page open in the user's browser must reach neither: requests must
// name the address the sandbox listens on in Host (no DNS rebinding), carry no Origin but that address's own,
// and POSTs must carry the per-run token printed with the export lines (a browser cannot send it cross-origin
// without a CORS preflight, which the sandbox never grants).
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";

/** The header POST requests carry the token in, and the export line that holds it. */
export const CONTROL_TOKEN_HEADER = "x-rootsweep-sandbox-token";
export const CONTROL_TOKEN_ENV = "ROOTSWEEP_SANDBOX_TOKEN";

export interface ControlAccess {
  /** host[:port] values accepted in Host (lower case). */
  hosts: Set<string>;
  token: string;
}

export const newControlToken = () => randomBytes(24).toString("base64url");

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

const bracketed = (address: string) => (address.includes(":") ? `[${address}]` : address);

/** Every host[:port] a client may use to reach this listening address. */
export function hostsFor(address: AddressInfo): Set<string> {
  const names = new Set<string>();
  const wildcard = address.address === "0.0.0.0" || address.address === "::";
  if (wildcard || isLoopback(address.address)) for (const name of LOOPBACK_NAMES) names.add(name);
  if (wildcard) {
    for (const list of Object.values(networkInterfaces())) for (const entry of list ?? []) names.add(bracketed(entry.address.split("%")[0]!));
  } else {
    names.add(bracketed(address.address));
  }
  const hosts = new Set<string>();
  for (const name of names) {
    hosts.add(`${name.toLowerCase()}:${address.port}`);
    if (address.port === 80) hosts.add(name.toLowerCase());
  }
  return hosts;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a control request is refused, or undefined when it may go on. */
export function refuseControl(access: ControlAccess, method: string, headers: Record<string, string | string[] | undefined>): string | undefined {
  const one = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const host = (one("host") ?? "").toLowerCase();
  if (!access.hosts.has(host)) return `Host "${host}" is not an address this sandbox listens on`;
  const origin = one("origin");
  // Same-origin pages (the sandbox serves none) are the only ones allowed; "null" and every other site are not.
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) return `requests from origin "${origin}" are not accepted`;
  if (method !== "GET" && method !== "HEAD") {
    const token = one(CONTROL_TOKEN_HEADER);
    if (!token || !sameToken(token, access.token))
      return `${method} needs the ${CONTROL_TOKEN_HEADER} header set to $${CONTROL_TOKEN_ENV} (printed with the export lines)`;
  }
  return undefined;
}
