// A private CA bundle (a TLS-inspecting proxy, a private endpoint) from AWS_CA_BUNDLE or the profile's
// `ca_bundle`, as the AWS CLI reads it. It is added to Node's trusted CAs, not put in their place, so AWS's
// own certificates stay trusted.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import tls from "node:tls";
import { UsageError } from "../core/errors.js";

export interface CaBundle {
  path: string;
  /** `AWS_CA_BUNDLE` or `profile "x"`. */
  source: string;
  /** Node's default CAs followed by the bundle's certificates, for the `ca` option of TLS connections. */
  ca: string[];
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export async function loadCaBundle(path: string, source: string, cwd = process.cwd()): Promise<CaBundle> {
  const full = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(full, "utf8");
  } catch (error) {
    throw new UsageError("RS_BAD_CA_BUNDLE", `${source}: cannot read the CA bundle ${full} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const certificates = text.match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) {
    throw new UsageError("RS_BAD_CA_BUNDLE", `${source}: ${full} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  return { path: full, source, ca: [...defaultCas(), ...certificates] };
}

/** Node's bundled roots plus NODE_EXTRA_CA_CERTS where this Node can say so (22.15+), else the bundled roots. */
function defaultCas(): readonly string[] {
  const withExtra = (tls as { getCACertificates?: (type: string) => string[] }).getCACertificates;
  return withExtra ? withExtra("default") : tls.rootCertificates;
}
