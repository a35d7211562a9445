// Checks one request/response pair the sandbox reported (onExchange) against the service's botocore model:
// the operation exists and is the one the wire names, request members and types, required members, enum
// values, response members, and error codes. Each protocol is read the way an AWS SDK reads it.
import { XMLParser } from "fast-xml-parser";
import type { SandboxExchange } from "../../src/sandbox/options.js";
import { COMMON_ERRORS, type MemberRef, type Operation, S3_ERRORS, type ServiceModel, shapeOf, wireName } from "./model.js";
import { checkJson, checkQuery, checkText, checkXml, type Problems, queryTree } from "./shapes.js";

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, ignoreDeclaration: true });

const header = (exchange: SandboxExchange, name: string): string | undefined => {
  const value = exchange.request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function parseJson(text: string, what: string, problems: Problems): unknown {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    problems.push(`${what} is not JSON: ${text.slice(0, 80)}`);
    return undefined;
  }
}

function parseXml(text: string, what: string, problems: Problems): Record<string, unknown> | undefined {
  try {
    return xml.parse(text) as Record<string, unknown>;
  } catch (error) {
    problems.push(`${what} is not XML: ${(error as Error).message}`);
    return undefined;
  }
}

/** A REST operation's path template ("/{Bucket}?policy", "/detector/{DetectorId}/findings") matched to a request. */
function matchRest(operation: Operation, method: string, path: string, query: URLSearchParams): Record<string, string> | undefined {
  if (operation.http.method !== method) return undefined;
  const [template = "", literal] = operation.http.requestUri.split("?");
  for (const pair of literal ? literal.split("&") : []) {
    const [key = "", value] = pair.split("=");
    if (!query.has(key) || (value !== undefined && query.get(key) !== value)) return undefined;
  }
  const want = template.split("/").filter(Boolean);
  const have = path.split("/").filter(Boolean);
  const labels: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const label = /^\{(\w+)(\+)?\}$/.exec(want[i]!);
    if (label?.[2]) {
      labels[label[1]!] = decodeURIComponent(have.slice(i).join("/"));
      return have.length > i ? labels : undefined;
    }
    if (i >= have.length) return undefined;
    if (label) labels[label[1]!] = decodeURIComponent(have[i]!);
    else if (want[i] !== have[i]) return undefined;
  }
  return want.length === have.length ? labels : undefined;
}

/** The REST operation a request names: the matching template with the most literal query keys wins. */
function restOperation(model: ServiceModel, exchange: SandboxExchange): { operation: Operation; labels: Record<string, string> } | undefined {
  let best: { operation: Operation; labels: Record<string, string>; literals: number } | undefined;
  for (const operation of Object.values(model.operations)) {
    const labels = matchRest(operation, exchange.request.method, exchange.request.path, exchange.request.query);
    const literals = operation.http.requestUri.split("?")[1]?.split("&").length ?? 0;
    if (labels && (!best || literals > best.literals)) best = { operation, labels, literals };
  }
  return best;
}

/** Members of a REST input by location; body members are left for the body checker. */
function checkRestInput(model: ServiceModel, operation: Operation, exchange: SandboxExchange, labels: Record<string, string>, problems: Problems): void {
  if (!operation.input) return;
  const input = shapeOf(model, operation.input.shape);
  const literal = new Set((operation.http.requestUri.split("?")[1] ?? "").split("&").map((pair) => pair.split("=")[0]));
  const queryMembers = new Map<string, MemberRef>();
  for (const [name, ref] of Object.entries(input.members ?? {})) {
    const where = wireName(name, ref);
    if (ref.location === "uri") {
      if (labels[where] === undefined) problems.push(`${operation.name}: URI member ${name} is missing`);
      else checkText(model, ref, labels[where], `${operation.name} uri ${where}`, problems);
    } else if (ref.location === "querystring") {
      queryMembers.set(where, ref);
    } else if (ref.location === "header") {
      const value = header(exchange, where.toLowerCase());
      if (value !== undefined) checkText(model, ref, value, `${operation.name} header ${where}`, problems);
      else if (input.required?.includes(name)) problems.push(`${operation.name}: required header ${where} (${name}) is missing`);
    }
  }
  for (const [key, value] of exchange.request.query) {
    if (literal.has(key)) continue;
    // The JS SDK adds x-id=<Operation> to some S3 requests (it is in the Smithy model's URI, not botocore's).
    if (key === "x-id" && value === operation.name) continue;
    const ref = queryMembers.get(key);
    if (!ref) problems.push(`${operation.name}: query parameter ${key} is not a member of ${operation.input.shape}`);
    else checkText(model, ref, value, `${operation.name} query ${key}`, problems);
  }
  for (const name of input.required ?? []) {
    const ref = input.members![name]!;
    if (ref.location === "querystring" && !exchange.request.query.has(wireName(name, ref))) {
      problems.push(`${operation.name}: required query parameter ${wireName(name, ref)} is missing`);
    }
  }
  if (input.payload) {
    const ref = input.members![input.payload]!;
    const type = shapeOf(model, ref.shape).type;
    if (input.required?.includes(input.payload) && exchange.request.body.length === 0)
      problems.push(`${operation.name}: required payload ${input.payload} is empty`);
    if (type === "structure" && exchange.request.body.length > 0) {
      const parsed = parseXml(exchange.request.body.toString("utf8"), `${operation.name} request body`, problems);
      const root = parsed && Object.values(parsed)[0];
      if (root !== undefined) checkXml(model, ref, root, `${operation.name} request`, problems);
    }
  } else if (model.metadata.protocol === "rest-json" && exchange.request.method !== "GET") {
    const body = parseJson(exchange.request.body.toString("utf8"), `${operation.name} request body`, problems);
    if (body !== undefined) checkJson(model, operation.input, body, operation.name, problems);
  }
}

/** Which operation the request names on the wire, and whether its members conform. */
function checkRequest(model: ServiceModel, exchange: SandboxExchange, problems: Problems): Operation | undefined {
  const protocol = model.metadata.protocol;
  if (protocol === "query") {
    const form = header(exchange, "content-type")?.includes("x-www-form-urlencoded")
      ? new URLSearchParams(exchange.request.body.toString("utf8"))
      : exchange.request.query;
    const action = form.get("Action") ?? "";
    const operation = model.operations[action];
    if (!operation) return void problems.push(`request: Action ${action || "(none)"} is not an operation of the model`);
    if (form.get("Version") !== model.metadata.apiVersion) problems.push(`${action}: Version ${form.get("Version")} is not ${model.metadata.apiVersion}`);
    const fields = [...form].filter(([key]) => key !== "Action" && key !== "Version");
    const tree = queryTree(fields, problems);
    if (operation.input) checkQuery(model, operation.input, tree, "", problems);
    else if (fields.length) problems.push(`${action}: takes no parameters, got ${fields.map(([k]) => k).join(", ")}`);
    return operation;
  }
  if (protocol === "json") {
    const target = header(exchange, "x-amz-target") ?? "";
    // botocore names CloudTrail's prefix in full (com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101);
    // the JS SDK sends its last segment, which CloudTrail equally accepts.
    const full = model.metadata.targetPrefix ?? "";
    const prefixes = [full, full.split(".").at(-1)!];
    const dot = target.lastIndexOf(".");
    const name = prefixes.includes(target.slice(0, dot)) ? target.slice(dot + 1) : "";
    const operation = model.operations[name];
    if (!operation) return void problems.push(`request: X-Amz-Target ${target || "(none)"} is not ${full}.<an operation of the model>`);
    const body = parseJson(exchange.request.body.toString("utf8"), `${name} request body`, problems);
    if (body !== undefined && operation.input) checkJson(model, operation.input, body, name, problems);
    return operation;
  }
  const found = restOperation(model, exchange);
  if (!found) return void problems.push(`request: ${exchange.request.method} ${exchange.request.path} matches no operation's URI in the model`);
  checkRestInput(model, found.operation, exchange, found.labels, problems);
  return found.operation;
}

/** Modelled error codes of an operation: the shape name and, for awsQuery, its `error.code`. */
function modelledErrors(model: ServiceModel, operation: Operation | undefined): Map<string, number | undefined> {
  const codes = new Map<string, number | undefined>();
  for (const { shape } of operation?.errors ?? []) {
    const error = model.shapes[shape]?.error;
    codes.set(shape, error?.httpStatusCode);
    if (error?.code) codes.set(error.code, error.httpStatusCode);
  }
  return codes;
}

function checkErrorCode(model: ServiceModel, operation: Operation | undefined, code: string | undefined, status: number, problems: Problems): void {
  const name = operation?.name ?? "(unknown operation)";
  if (!code) return void problems.push(`${name}: error response (HTTP ${status}) carries no error code`);
  const modelled = modelledErrors(model, operation);
  const common = model.metadata.protocol === "rest-xml" ? S3_ERRORS : COMMON_ERRORS;
  if (!modelled.has(code) && !common.has(code)) {
    return void problems.push(
      `${name}: error code ${code} is neither modelled for ${name} (${[...modelled.keys()].join(", ") || "none"}) nor a common AWS error`,
    );
  }
  const expected = modelled.get(code);
  if (expected !== undefined && expected !== status) problems.push(`${name}: error ${code} is sent with HTTP ${status}, the model says ${expected}`);
}

function checkResponse(model: ServiceModel, operation: Operation | undefined, exchange: SandboxExchange, problems: Problems): void {
  const { status, body, headers } = exchange.response;
  const protocol = model.metadata.protocol;
  const name = operation?.name ?? "(unknown operation)";
  if (status >= 300) {
    if (protocol === "query" || protocol === "rest-xml") {
      const doc = parseXml(body, `${name} error body`, problems);
      const error = (protocol === "query" ? (doc?.ErrorResponse as Record<string, unknown> | undefined)?.Error : doc?.Error) as
        Record<string, unknown> | undefined;
      checkErrorCode(model, operation, typeof error?.Code === "string" ? error.Code : undefined, status, problems);
      if (protocol === "query" && error?.Type !== (status >= 500 ? "Receiver" : "Sender"))
        problems.push(`${name}: error Type ${String(error?.Type)} does not match HTTP ${status}`);
    } else if (protocol === "rest-json") {
      checkErrorCode(model, operation, headers["x-amzn-errortype"]?.split(":")[0], status, problems);
    } else {
      const parsed = parseJson(body, `${name} error body`, problems) as { __type?: string } | undefined;
      checkErrorCode(model, operation, parsed?.__type?.split("#").at(-1), status, problems);
      const queryError = headers["x-amzn-query-error"];
      if (model.metadata.awsQueryCompatible && queryError !== undefined) checkErrorCode(model, operation, queryError.split(";")[0], status, problems);
    }
    return;
  }
  if (!operation) return;
  if (operation.http.responseCode !== undefined && status !== operation.http.responseCode) {
    problems.push(`${name}: HTTP ${status} where the model says ${operation.http.responseCode}`);
  }
  const output = operation.output;
  if (protocol === "query") {
    const doc = parseXml(body, `${name} response`, problems);
    const root = doc?.[`${name}Response`] as Record<string, unknown> | undefined;
    if (!root) return void problems.push(`${name}: response root is not <${name}Response>`);
    for (const key of Object.keys(root)) {
      if (key !== "ResponseMetadata" && key !== output?.resultWrapper) problems.push(`${name}: unexpected <${key}> in <${name}Response>`);
    }
    if (output?.resultWrapper) checkXml(model, output, root[output.resultWrapper] ?? "", name, problems);
  } else if (protocol === "json" || protocol === "rest-json") {
    const parsed = parseJson(body, `${name} response`, problems);
    if (output && parsed !== undefined) checkJson(model, output, parsed, name, problems);
  } else if (output) {
    const shape = shapeOf(model, output.shape);
    const payload = shape.payload ? shape.members![shape.payload]! : undefined;
    if (payload && shapeOf(model, payload.shape).type !== "structure") return; // a raw payload (GetBucketPolicy's policy text)
    const doc = parseXml(body, `${name} response`, problems);
    const root = doc && Object.values(doc)[0];
    if (root !== undefined) checkXml(model, payload ?? output, root, name, problems);
  }
}

/** Every way one exchange departs from the model; empty when it conforms. */
export function checkExchange(models: ReadonlyMap<string, ServiceModel>, exchange: SandboxExchange): Problems {
  const problems: Problems = [];
  const model = models.get(exchange.service);
  if (!model) return [`service ${exchange.service}: no model (the sandbox could not tell which service the request was for)`];
  const operation = checkRequest(model, exchange, problems);
  if (operation && operation.name !== exchange.operation) {
    problems.push(`the wire names ${operation.name} but the sandbox ran ${exchange.operation}`);
  }
  checkResponse(model, operation, exchange, problems);
  return problems.map((p) => `${exchange.service}:${exchange.operation}: ${p}`);
}
