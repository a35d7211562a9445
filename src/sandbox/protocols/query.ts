// awsQuery (STS, IAM): form-encoded `Action=...&Version=...` in, `<{Op}Response><{Op}Result>` XML out.
import { AwsError } from "../errors.js";
import type { Protocol, RawRequest, WireResponse } from "./types.js";
import { buildXml, type XmlObject } from "./xml.js";

/** Form parameters with helpers for awsQuery's `Name.member.N` lists and `Name.key` structures. */
export class QueryParams {
  constructor(private readonly params: URLSearchParams) {}

  get(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  list(name: string): string[] {
    const out: string[] = [];
    for (let i = 1; ; i++) {
      const value = this.params.get(`${name}.member.${i}`);
      if (value === null) return out;
      out.push(value);
    }
  }

  has(name: string): boolean {
    return this.params.has(name);
  }

  names(): string[] {
    return [...new Set(this.params.keys())];
  }

  int(name: string): number | undefined {
    const value = this.params.get(name);
    if (value === null) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number))
      throw new AwsError("ValidationError", `Value '${value}' at '${name}' failed to satisfy constraint: Member must be an integer`);
    return number;
  }
}

export function queryProtocol(options: { version: string; xmlns: string }): Protocol {
  return {
    decode(request: RawRequest) {
      const contentType = String(request.headers["content-type"] ?? "");
      const params =
        request.method === "POST" && contentType.includes("x-www-form-urlencoded") ? new URLSearchParams(request.body.toString("utf8")) : request.query;
      const operation = params.get("Action");
      if (!operation) throw new AwsError("MissingAction", "Missing Action", 400);
      const version = params.get("Version");
      if (version !== options.version) {
        throw new AwsError("InvalidParameterValue", `Could not find operation ${operation} for version ${version ?? "NO_VERSION_SPECIFIED"}`, 400);
      }
      return { operation, input: new QueryParams(params) };
    },
    encodeResult(operation, result, requestId): WireResponse {
      const body: XmlObject = {};
      if (result !== undefined) body[`${operation}Result`] = result as XmlObject;
      body.ResponseMetadata = { RequestId: requestId };
      return {
        status: 200,
        headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
        body: buildXml(`${operation}Response`, body, options.xmlns),
      };
    },
    encodeError(error, requestId): WireResponse {
      return {
        status: error.status,
        headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
        body: buildXml(
          "ErrorResponse",
          {
            Error: { Type: error.fault, Code: error.code, Message: error.message },
            RequestId: requestId,
          },
          options.xmlns,
        ),
      };
    },
  };
}
