// restXml (S3, path style): the operation is the HTTP method, the path (`/`, `/{bucket}`, `/{bucket}/{key}`)
// and the sub-resource named in the query (`?policy`, `?acl`...). Results are XML documents or raw payloads;
// errors are S3's bare `<Error>` document with `x-amz-request-id` / `x-amz-id-2`.
import { createHash } from "node:crypto";
import { AwsError } from "../errors.js";
import { CHECKSUMS, md5, sha256Hex } from "./checksum.js";
import type { Protocol, RawRequest, WireResponse } from "./types.js";
import { buildXml, type XmlObject } from "./xml.js";

export type RestXmlTarget = "service" | "bucket" | "object";

export interface RestXmlRoute {
  method: string;
  target: RestXmlTarget;
  /** The sub-resource query key that selects the operation, e.g. "policy"; absent for none. */
  subresource?: string;
  operation: string;
}

/** What a REST-XML handler receives. */
export interface RestXmlRequest {
  method: string;
  bucket?: string;
  key?: string;
  query: URLSearchParams;
  body: Buffer;
  header(name: string): string | undefined;
  /**
   * A failed payload integrity check (x-amz-content-sha256, Content-MD5, x-amz-checksum-*). Handlers throw
   * it first: S3 checks integrity after authentication, so it must not pre-empt a signature error.
   */
  integrityError?: AwsError;
}

/** What a REST-XML handler returns: an XML document, a raw payload, or nothing (e.g. 204). */
export interface RestXmlResult {
  status?: number;
  headers?: Record<string, string>;
  xml?: { root: string; body: XmlObject };
  payload?: { contentType: string; body: string };
}

/** An S3 error with the extra `<Error>` members S3 sends (BucketName, Method...) and extra headers. */
export class RestXmlError extends AwsError {
  constructor(
    code: string,
    message: string,
    status: number,
    readonly details: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message, status);
  }
}

/** The query keys S3 treats as sub-resources: they pick the operation, they are not parameters. */
const SUBRESOURCES = new Set([
  "accelerate",
  "acl",
  "analytics",
  "attributes",
  "cors",
  "delete",
  "encryption",
  "intelligent-tiering",
  "inventory",
  "legal-hold",
  "lifecycle",
  "location",
  "logging",
  "metadataConfiguration",
  "metrics",
  "notification",
  "object-lock",
  "ownershipControls",
  "policy",
  "policyStatus",
  "publicAccessBlock",
  "replication",
  "requestPayment",
  "restore",
  "retention",
  "select",
  "session",
  "tagging",
  "torrent",
  "uploadId",
  "uploads",
  "versioning",
  "versions",
  "website",
  "list-type",
]);

function splitPath(path: string): { bucket?: string; key?: string } {
  const trimmed = path.replace(/^\/+/, "");
  if (!trimmed) return {};
  const slash = trimmed.indexOf("/");
  const rawBucket = slash < 0 ? trimmed : trimmed.slice(0, slash);
  const rawKey = slash < 0 ? "" : trimmed.slice(slash + 1);
  let bucket: string;
  let key: string;
  try {
    bucket = decodeURIComponent(rawBucket);
    key = decodeURIComponent(rawKey);
  } catch {
    throw new RestXmlError("InvalidURI", "Couldn't parse the specified URI.", 400);
  }
  return key ? { bucket, key } : { bucket };
}

const headerOf = (raw: RawRequest, name: string): string | undefined => {
  const value = raw.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decodeDigest(value: string, bytes: number): Buffer | undefined {
  if (!BASE64.test(value)) return undefined;
  const decoded = Buffer.from(value, "base64");
  return decoded.length === bytes ? decoded : undefined;
}

/** S3's payload integrity checks, in the order S3 reports them. */
function checkIntegrity(raw: RawRequest): AwsError | undefined {
  const contentSha = headerOf(raw, "x-amz-content-sha256");
  if (contentSha === undefined) {
    return new RestXmlError("InvalidRequest", "Missing required header for this request: x-amz-content-sha256", 400);
  }
  if (/^[0-9a-f]{64}$/.test(contentSha)) {
    const computed = sha256Hex(raw.body);
    if (computed !== contentSha) {
      return new RestXmlError("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400, {
        ClientComputedContentSHA256: contentSha,
        S3ComputedContentSHA256: computed,
      });
    }
  } else if (contentSha.startsWith("STREAMING-")) {
    return new RestXmlError("NotImplemented", "The sandbox does not accept aws-chunked (STREAMING-*) payloads.", 501);
  } else if (contentSha !== "UNSIGNED-PAYLOAD") {
    return new RestXmlError(
      "InvalidArgument",
      "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
      400,
      {
        ArgumentName: "x-amz-content-sha256",
        ArgumentValue: contentSha,
      },
    );
  }

  const contentMd5 = headerOf(raw, "content-md5");
  if (contentMd5 !== undefined) {
    const expected = decodeDigest(contentMd5, 16);
    if (!expected) return new RestXmlError("InvalidDigest", "The Content-MD5 you specified was invalid.", 400, { "Content-MD5": contentMd5 });
    const calculated = md5(raw.body);
    if (!calculated.equals(expected)) {
      return new RestXmlError("BadDigest", "The Content-MD5 you specified did not match what we received.", 400, {
        ExpectedDigest: expected.toString("hex"),
        CalculatedDigest: calculated.toString("base64"),
      });
    }
  }

  const sent = Object.keys(raw.headers)
    .filter((name) => name.startsWith("x-amz-checksum-"))
    .map((name) => name.slice("x-amz-checksum-".length))
    .filter((algorithm) => algorithm in CHECKSUMS);
  if (sent.length > 1) {
    return new RestXmlError("InvalidRequest", "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.", 400);
  }
  const declared = headerOf(raw, "x-amz-sdk-checksum-algorithm")?.toLowerCase();
  if (declared !== undefined) {
    if (!(declared in CHECKSUMS)) {
      return new RestXmlError("InvalidRequest", "Value for x-amz-sdk-checksum-algorithm header is invalid.", 400);
    }
    if (sent.length === 0 && headerOf(raw, "x-amz-trailer") === undefined) {
      return new RestXmlError(
        "InvalidRequest",
        "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.",
        400,
      );
    }
    if (sent.length === 1 && sent[0] !== declared) {
      return new RestXmlError("BadDigest", `The ${declared.toUpperCase()} you specified did not match the calculated checksum.`, 400);
    }
  }
  const algorithm = sent[0];
  if (algorithm) {
    const compute = CHECKSUMS[algorithm]!;
    const calculated = compute(raw.body);
    const given = headerOf(raw, `x-amz-checksum-${algorithm}`) ?? "";
    const expected = decodeDigest(given, calculated.length);
    if (!expected) return new RestXmlError("InvalidRequest", `Value for x-amz-checksum-${algorithm} header is invalid.`, 400);
    if (!expected.equals(calculated)) {
      return new RestXmlError("BadDigest", `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`, 400);
    }
  }
  return undefined;
}

/** S3 request IDs are 16 upper-case hex digits; x-amz-id-2 is an opaque base64 host id. */
function s3Ids(requestId: string): Record<string, string> {
  return {
    "x-amz-request-id": requestId.replace(/-/g, "").slice(0, 16).toUpperCase(),
    "x-amz-id-2": createHash("sha256").update(`host:${requestId}`).digest("base64"),
  };
}

export function restXmlProtocol(options: { xmlns: string; routes: RestXmlRoute[] }): Protocol {
  const routes = new Map(options.routes.map((route) => [`${route.method} ${route.target} ${route.subresource ?? ""}`, route.operation]));
  return {
    decode(raw: RawRequest) {
      const { bucket, key } = splitPath(raw.path);
      const target: RestXmlTarget = bucket === undefined ? "service" : key === undefined ? "bucket" : "object";
      const subresource = [...raw.query.keys()].find((name) => SUBRESOURCES.has(name));
      const operation = routes.get(`${raw.method} ${target} ${subresource ?? ""}`);
      if (!operation) {
        const what = `${raw.method} ${target === "service" ? "/" : target === "bucket" ? "/{bucket}" : "/{bucket}/{key}"}${subresource ? `?${subresource}` : ""}`;
        throw new RestXmlError("NotImplemented", `The sandbox does not implement ${what}.`, 501);
      }
      const integrityError = checkIntegrity(raw);
      const input: RestXmlRequest = {
        method: raw.method,
        ...(bucket !== undefined ? { bucket } : {}),
        ...(key !== undefined ? { key } : {}),
        query: raw.query,
        body: raw.body,
        header: (name) => headerOf(raw, name.toLowerCase()),
        ...(integrityError ? { integrityError } : {}),
      };
      return { operation, input };
    },
    encodeResult(_operation, result, requestId): WireResponse {
      const out = (result ?? {}) as RestXmlResult;
      const headers: Record<string, string> = { ...s3Ids(requestId), ...out.headers };
      if (out.xml) {
        headers["content-type"] = "application/xml";
        return { status: out.status ?? 200, headers, body: buildXml(out.xml.root, out.xml.body, options.xmlns) };
      }
      if (out.payload) {
        headers["content-type"] = out.payload.contentType;
        return { status: out.status ?? 200, headers, body: out.payload.body };
      }
      return { status: out.status ?? 200, headers, body: "" };
    },
    encodeError(error, requestId): WireResponse {
      const ids = s3Ids(requestId);
      const extra = error instanceof RestXmlError ? error : undefined;
      const body: XmlObject = { Code: error.code, Message: error.message, ...extra?.details };
      body.RequestId = ids["x-amz-request-id"];
      body.HostId = ids["x-amz-id-2"];
      return {
        status: error.status,
        headers: { "content-type": "application/xml", ...ids, ...extra?.headers },
        body: buildXml("Error", body),
      };
    },
  };
}
