// restJson1 (GuardDuty): the operation is chosen by HTTP method and path template, members travel in the
// path, the query string and a JSON body under their wire (locationName) names. Errors carry their code in
// the `x-amzn-errortype` header, which both the JS SDK and botocore read before the body's `__type`.
import { AwsError } from "../errors.js";
import type { Protocol, RawRequest, WireResponse } from "./types.js";

export interface RestJsonRoute {
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  /** Path template with `{Label}` segments, e.g. "/detector/{DetectorId}/findings". */
  path: string;
  operation: string;
}

/** What a restJson1 handler receives. */
export interface RestJsonInput {
  /** Path labels, percent-decoded, keyed by the template's label names. */
  path: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body (an empty object when the request has none). */
  body: Record<string, unknown>;
}

export interface RestJsonOptions {
  routes: RestJsonRoute[];
  /**
   * The body's `__type` for an error. Some services send a finer type than the header's code
   * (GuardDuty: header BadRequestException, body InvalidInputException); default: the code.
   */
  bodyType?: (error: AwsError) => string;
}

interface CompiledRoute {
  route: RestJsonRoute;
  /** Literal segments as strings, labels as { label }. */
  segments: Array<string | { label: string }>;
}

function compile(route: RestJsonRoute): CompiledRoute {
  const segments = route.path
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      const label = /^\{(\w+)\}$/.exec(segment)?.[1];
      return label ? { label } : segment;
    });
  return { route, segments };
}

function match(compiled: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  if (compiled.segments.length !== parts.length) return undefined;
  const labels: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const expected = compiled.segments[i]!;
    const actual = parts[i]!;
    if (typeof expected === "string") {
      if (expected !== actual) return undefined;
    } else {
      let value: string;
      try {
        value = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
      if (!value) return undefined;
      labels[expected.label] = value;
    }
  }
  return labels;
}

function parseBody(request: RawRequest): Record<string, unknown> {
  const text = request.body.toString("utf8");
  if (!text.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AwsError("SerializationException", "Request body is not valid JSON", 400);
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new AwsError("SerializationException", "Request body must be a JSON object", 400);
  }
  return body as Record<string, unknown>;
}

export function restJsonProtocol(options: RestJsonOptions): Protocol {
  const routes = options.routes.map(compile);
  const headers = (requestId: string): Record<string, string> => ({
    "content-type": "application/json",
    "x-amzn-requestid": requestId,
  });
  return {
    decode(request: RawRequest) {
      const parts = request.path.split("/").filter(Boolean);
      let pathMatched = false;
      for (const compiled of routes) {
        const labels = match(compiled, parts);
        if (!labels) continue;
        pathMatched = true;
        if (compiled.route.method !== request.method.toUpperCase()) continue;
        const body = request.method.toUpperCase() === "GET" ? {} : parseBody(request);
        const input: RestJsonInput = { path: labels, query: request.query, body };
        return { operation: compiled.route.operation, input };
      }
      // API Gateway-fronted services answer an unknown route this way; the exact code is not modelled.
      throw pathMatched
        ? new AwsError("MethodNotAllowedException", `Method ${request.method} is not allowed on ${request.path}`, 405)
        : new AwsError("UnknownOperationException", `No operation is bound to ${request.method} ${request.path}`, 404);
    },
    encodeResult(_operation, result, requestId): WireResponse {
      return { status: 200, headers: headers(requestId), body: JSON.stringify(result ?? {}) };
    },
    encodeError(error, requestId): WireResponse {
      return {
        status: error.status,
        headers: { ...headers(requestId), "x-amzn-errortype": error.code },
        body: JSON.stringify({ ...error.fields, message: error.message, __type: options.bodyType?.(error) ?? error.code }),
      };
    },
  };
}
