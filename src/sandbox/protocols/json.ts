// awsJson 1.0 / 1.1 (Organizations, CloudTrail, SQS): `X-Amz-Target: Prefix.Operation`, JSON in and out,
// timestamps as epoch seconds. SQS is query-compatible: errors also carry `x-amzn-query-error`.
import { AwsError } from "../errors.js";
import type { Protocol, RawRequest, WireResponse } from "./types.js";

export interface JsonProtocolOptions {
  version: "1.0" | "1.1";
  /** Accepted target prefixes (CloudTrail has a short and a long one). */
  targetPrefixes: string[];
  queryCompatible?: boolean;
}

export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

export function jsonProtocol(options: JsonProtocolOptions): Protocol {
  const contentType = `application/x-amz-json-${options.version}`;
  return {
    decode(request: RawRequest) {
      const target = String(request.headers["x-amz-target"] ?? "");
      const dot = target.lastIndexOf(".");
      const prefix = target.slice(0, dot);
      if (dot < 0 || !options.targetPrefixes.includes(prefix)) {
        throw new AwsError("UnknownOperationException", `Unknown target ${target || "(none)"}`, 400);
      }
      let input: unknown = {};
      const text = request.body.toString("utf8");
      if (text.trim()) {
        try {
          input = JSON.parse(text);
        } catch {
          throw new AwsError("SerializationException", "Request body is not valid JSON", 400);
        }
      }
      if (!input || typeof input !== "object" || Array.isArray(input)) {
        throw new AwsError("SerializationException", "Request body must be a JSON object", 400);
      }
      return { operation: target.slice(dot + 1), input };
    },
    encodeResult(_operation, result, requestId): WireResponse {
      return {
        status: 200,
        headers: { "content-type": contentType, "x-amzn-requestid": requestId },
        body: JSON.stringify(result ?? {}),
      };
    },
    encodeError(error, requestId): WireResponse {
      const headers: Record<string, string> = { "content-type": contentType, "x-amzn-requestid": requestId };
      if (options.queryCompatible) headers["x-amzn-query-error"] = `${error.queryCode ?? error.code};${error.fault}`;
      return {
        status: error.status,
        headers,
        body: JSON.stringify({ ...error.fields, __type: error.code, message: error.message, Message: error.message }),
      };
    },
  };
}
