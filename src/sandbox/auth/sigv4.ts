// Verifies AWS Signature Version 4 on incoming requests by recomputing the signature with the SDK's own
// signer over exactly the headers the client said it signed.
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})\s*$/;

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (!header) return undefined;
  const match = AUTH_PATTERN.exec(header);
  if (!match) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as string[];
  return {
    accessKeyId: accessKeyId!,
    date: date!,
    region: region!,
    service: service!,
    signedHeaders: signedHeaders!.split(";"),
    signature: signature!,
  };
}

/** Parses the X-Amz-Date header (yyyymmddThhmmssZ). */
export function parseAmzDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

export interface VerifyInput {
  method: string;
  path: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  auth: ParsedAuthorization;
  secretAccessKey: string;
  sessionToken?: string;
}

const signers = new Map<string, SignatureV4>();

function signerFor(input: VerifyInput): SignatureV4 {
  const key = `${input.auth.accessKeyId}\u0000${input.secretAccessKey}\u0000${input.auth.region}\u0000${input.auth.service}`;
  let signer = signers.get(key);
  if (!signer) {
    if (signers.size > 50_000) signers.clear();
    signer = new SignatureV4({
      credentials: {
        accessKeyId: input.auth.accessKeyId,
        secretAccessKey: input.secretAccessKey,
        ...(input.sessionToken ? { sessionToken: input.sessionToken } : {}),
      },
      region: input.auth.region,
      service: input.auth.service,
      sha256: Hash.bind(null, "sha256"),
      // Never add a payload-hash header of our own: only what the client signed counts.
      applyChecksum: false,
      // S3 signs the path as sent; every other service escapes it once more.
      uriEscapePath: input.auth.service !== "s3",
    });
    signers.set(key, signer);
  }
  return signer;
}

function parseQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const part of rawQuery.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const name = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, "%20"));
    const value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, "%20"));
    const existing = query[name];
    if (existing === undefined) query[name] = value;
    else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

export async function verifySignature(input: VerifyInput): Promise<boolean> {
  const signed = new Set(input.auth.signedHeaders);
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = input.headers[name];
    if (value === undefined) return false;
    headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  const signingDate = parseAmzDate(headers["x-amz-date"] ?? (input.headers["x-amz-date"] as string | undefined));
  if (!signingDate) return false;
  // The signer takes a signed x-amz-content-sha256 on trust; AWS hashes the body it received, so a body
  // changed after signing must fail here. (UNSIGNED-PAYLOAD and streaming markers are not hashes.)
  // S3 is the exception: it answers 400 XAmzContentSHA256Mismatch itself (protocols/rest-xml.ts).
  const claimedHash = headers["x-amz-content-sha256"];
  if (
    input.auth.service !== "s3" &&
    claimedHash &&
    /^[0-9a-f]{64}$/i.test(claimedHash) &&
    claimedHash.toLowerCase() !== createHash("sha256").update(input.body).digest("hex")
  ) {
    return false;
  }
  const [hostname, port] = (headers.host ?? "").split(":");
  const request = new HttpRequest({
    method: input.method,
    protocol: "http:",
    hostname: hostname ?? "",
    ...(port ? { port: Number(port) } : {}),
    path: input.path,
    query: parseQuery(input.rawQuery),
    headers,
    body: input.body,
  });
  const unsignable = new Set(Object.keys(input.headers).filter((name) => !signed.has(name)));
  const result = await signerFor(input).sign(request, {
    signingDate,
    signingRegion: input.auth.region,
    signingService: input.auth.service,
    signableHeaders: signed,
    unsignableHeaders: unsignable,
  });
  const authorization = result.headers.authorization ?? result.headers.Authorization ?? "";
  const recomputed = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1];
  return recomputed === input.auth.signature;
}
