// What every wire protocol does for the sandbox: find the operation and its input in a request, and
// render a result or an error the way that protocol's real service does.
import type { IncomingHttpHeaders } from "node:http";
import type { AwsError } from "../errors.js";

export interface RawRequest {
  method: string;
  /** Path without the query string, as sent (still percent-encoded). */
  path: string;
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface Decoded {
  operation: string;
  input: unknown;
}

export interface Protocol {
  decode(request: RawRequest): Decoded;
  encodeResult(operation: string, result: unknown, requestId: string): WireResponse;
  encodeError(error: AwsError, requestId: string): WireResponse;
}
