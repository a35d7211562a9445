// A SigV4-signed raw HTTP request, for tests that must see (or send) exactly what is on the wire: error
// bodies and headers the SDKs hide, and payload checksums the SDKs would never get wrong.
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash } from "node:crypto";
import type { Creds, RunningSandbox } from "../../support/sandbox.js";

export interface SignedFetchOptions {
  service: "s3" | "sqs";
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  region?: string;
  /** Send this x-amz-content-sha256 instead of the body's real hash (S3 only). */
  contentSha256?: string;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

export async function signedFetch(sb: RunningSandbox, credentials: Creds, options: SignedFetchOptions): Promise<RawResponse> {
  const url = new URL(sb.url);
  const body = options.body ?? "";
  const headers: Record<string, string> = { host: url.host, ...options.headers };
  if (options.service === "s3") {
    headers["x-amz-content-sha256"] = options.contentSha256 ?? createHash("sha256").update(body).digest("hex");
  }
  const signer = new SignatureV4({
    credentials,
    region: options.region ?? "us-east-1",
    service: options.service,
    sha256: Hash.bind(null, "sha256"),
    uriEscapePath: options.service !== "s3",
    applyChecksum: false,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: options.method,
      protocol: "http:",
      hostname: url.hostname,
      port: Number(url.port),
      path: options.path,
      query: options.query ?? {},
      headers,
      body,
    }),
  );
  const search = new URLSearchParams(options.query ?? {}).toString();
  const sendHeaders = { ...signed.headers };
  delete sendHeaders.host;
  const response = await fetch(`${sb.url}${options.path}${search ? `?${search}` : ""}`, {
    method: options.method,
    headers: sendHeaders,
    ...(options.method === "GET" || options.method === "HEAD" ? {} : { body }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
