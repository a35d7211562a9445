// Checks one decoded value against a model shape, in each of the three ways values travel: JSON (typed),
// XML (text in elements) and awsQuery form fields (text under dotted names). Each problem names its path.
import { type MemberRef, ROOT_USER_OMITS, type ServiceModel, type Shape, shapeOf, wireName } from "./model.js";

export type Problems = string[];

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text && text.length > 60 ? `${text.slice(0, 57)}...` : String(text);
}

/** A scalar; `textual` when it travelled as text (XML, form fields), where every type is a string. */
function checkScalar(shape: Shape, shapeName: string, value: unknown, path: string, textual: boolean, problems: Problems): void {
  const bad = (what: string): void => void problems.push(`${path}: ${describe(value)} is not ${what} (shape ${shapeName})`);
  if (textual && typeof value !== "string") return bad("text");
  switch (shape.type) {
    case "string":
      if (typeof value !== "string") return bad("a string");
      if (shape.enum && !shape.enum.includes(value)) problems.push(`${path}: "${value}" is not one of ${shapeName}'s values ${shape.enum.join(", ")}`);
      return;
    case "integer":
    case "long":
      if (textual ? !/^-?\d+$/.test(value as string) : !Number.isInteger(value)) bad("an integer");
      return;
    case "double":
    case "float":
      if (textual ? Number.isNaN(Number(value)) || value === "" : typeof value !== "number") bad("a number");
      return;
    case "boolean":
      if (textual ? value !== "true" && value !== "false" : typeof value !== "boolean") bad("a boolean");
      return;
    case "timestamp":
      // JSON protocols send epoch seconds unless the shape says otherwise; XML and forms send ISO 8601.
      if (typeof value === "number" ? textual : !ISO_8601.test(String(value))) bad("a timestamp");
      return;
    case "blob":
      if (typeof value !== "string" || !BASE64.test(value.replace(/\s/g, ""))) bad("base64");
      return;
    default:
      bad(`a ${shape.type}`);
  }
}

function checkRequired(shape: Shape, shapeName: string, present: (member: string) => boolean, path: string, problems: Problems): void {
  for (const name of shape.required ?? []) {
    const ref = shape.members?.[name];
    if (ref?.location && ref.location !== "querystring") continue; // uri/header members are checked by the caller
    if (!present(name)) problems.push(`${path || "(top)"}: required member ${name} of ${shapeName} is missing`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A JSON value (awsJson bodies, restJson1 bodies). Members only in the body: uri/query/header ones are skipped. */
export function checkJson(model: ServiceModel, ref: MemberRef, value: unknown, path: string, problems: Problems): void {
  const shape = shapeOf(model, ref.shape);
  if (value === null) return;
  if (shape.type === "structure") {
    if (!isObject(value)) return void problems.push(`${path}: ${describe(value)} is not an object (shape ${ref.shape})`);
    const byWire = new Map(
      Object.entries(shape.members ?? {})
        .filter(([, m]) => !m.location)
        .map(([name, m]) => [wireName(name, m), [name, m] as const]),
    );
    for (const [key, member] of Object.entries(value)) {
      const found = byWire.get(key);
      if (!found) {
        if (key !== "__type" || !shape.exception) problems.push(`${path}.${key}: not a member of ${ref.shape}`);
        continue;
      }
      checkJson(model, found[1], member, `${path}.${key}`, problems);
    }
    checkRequired(shape, ref.shape, (name) => value[wireName(name, shape.members![name]!)] !== undefined, path, problems);
  } else if (shape.type === "list") {
    if (!Array.isArray(value)) return void problems.push(`${path}: ${describe(value)} is not a list (shape ${ref.shape})`);
    value.forEach((item, i) => checkJson(model, shape.member!, item, `${path}[${i}]`, problems));
  } else if (shape.type === "map") {
    if (!isObject(value)) return void problems.push(`${path}: ${describe(value)} is not a map (shape ${ref.shape})`);
    for (const [key, item] of Object.entries(value)) {
      checkScalar(shapeOf(model, shape.key!.shape), shape.key!.shape, key, `${path} key`, false, problems);
      checkJson(model, shape.value!, item, `${path}.${key}`, problems);
    }
  } else {
    checkScalar(shape, ref.shape, value, path, false, problems);
  }
}

/** Repeated XML elements come back from the parser as one value or an array. */
const many = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** An XML element's parsed content (fast-xml-parser, attributes ignored, text left unparsed). */
export function checkXml(model: ServiceModel, ref: MemberRef, value: unknown, path: string, problems: Problems): void {
  const shape = shapeOf(model, ref.shape);
  if (shape.type === "structure") {
    if (value === "") value = {};
    if (!isObject(value)) return void problems.push(`${path}: ${describe(value)} is not an element with children (shape ${ref.shape})`);
    const byWire = new Map<string, MemberRef>();
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      if (member.location) continue;
      const memberShape = shapeOf(model, member.shape);
      const flat = memberShape.type === "list" && (memberShape.flattened || member.flattened);
      byWire.set(flat ? (member.locationName ?? memberShape.member?.locationName ?? name) : wireName(name, member), member);
    }
    for (const [key, child] of Object.entries(value)) {
      const member = byWire.get(key);
      if (!member) {
        problems.push(`${path}.${key}: not a member of ${ref.shape}`);
        continue;
      }
      const memberShape = shapeOf(model, member.shape);
      if (memberShape.type === "list" && (memberShape.flattened || member.flattened)) {
        many(child).forEach((item, i) => checkXml(model, memberShape.member!, item, `${path}.${key}[${i}]`, problems));
      } else {
        checkXml(model, member, child, `${path}.${key}`, problems);
      }
    }
    const element = value;
    const present = (name: string) => element[wireName(name, shape.members![name]!)] !== undefined || ROOT_USER_OMITS.has(`${ref.shape}.${name}`);
    checkRequired(shape, ref.shape, present, path, problems);
  } else if (shape.type === "list") {
    if (value === "") return;
    const itemName = shape.member!.locationName ?? "member";
    if (!isObject(value) || Object.keys(value).some((k) => k !== itemName)) {
      return void problems.push(`${path}: a list (shape ${ref.shape}) must hold only <${itemName}> elements, got ${describe(value)}`);
    }
    many(value[itemName]).forEach((item, i) => checkXml(model, shape.member!, item, `${path}.${itemName}[${i}]`, problems));
  } else if (shape.type === "map") {
    if (value === "") return;
    if (!isObject(value)) return void problems.push(`${path}: ${describe(value)} is not a map (shape ${ref.shape})`);
    for (const [i, entry] of many(value.entry).entries()) {
      if (!isObject(entry)) {
        problems.push(`${path}.entry[${i}]: not a key/value entry`);
        continue;
      }
      checkXml(model, shape.key!, entry[shape.key!.locationName ?? "key"], `${path}.entry[${i}].key`, problems);
      checkXml(model, shape.value!, entry[shape.value!.locationName ?? "value"], `${path}.entry[${i}].value`, problems);
    }
  } else {
    checkScalar(shape, ref.shape, value, path, true, problems);
  }
}

/** awsQuery form fields (`A.B`, `L.member.1`, `M.entry.1.key`) as a tree of objects with string leaves. */
export function queryTree(fields: Array<[string, string]>, problems: Problems): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of fields) {
    const parts = key.split(".");
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (typeof next === "string") {
        problems.push(`${key}: ${part} is given both as a value and as a structure`);
        break;
      }
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    node[parts.at(-1)!] = value;
  }
  return root;
}

function checkNumbered(node: unknown, path: string, problems: Problems): unknown[] {
  if (!isObject(node)) {
    problems.push(`${path}: expected numbered items, got ${describe(node)}`);
    return [];
  }
  const keys = Object.keys(node);
  const items = keys.map((_, i) => node[String(i + 1)]);
  if (items.some((item) => item === undefined)) problems.push(`${path}: items must be numbered 1..${keys.length}, got ${keys.join(", ")}`);
  return items.filter((item) => item !== undefined);
}

/** One awsQuery form-field tree against a shape. */
export function checkQuery(model: ServiceModel, ref: MemberRef, node: unknown, path: string, problems: Problems): void {
  const shape = shapeOf(model, ref.shape);
  if (shape.type === "structure") {
    if (!isObject(node)) return void problems.push(`${path}: ${describe(node)} is not a structure (shape ${ref.shape})`);
    const byWire = new Map(Object.entries(shape.members ?? {}).map(([name, m]) => [wireName(name, m), m]));
    for (const [key, child] of Object.entries(node)) {
      const member = byWire.get(key);
      if (!member) problems.push(`${path ? `${path}.` : ""}${key}: not a member of ${ref.shape}`);
      else checkQuery(model, member, child, path ? `${path}.${key}` : key, problems);
    }
    checkRequired(shape, ref.shape, (name) => node[wireName(name, shape.members![name]!)] !== undefined, path, problems);
  } else if (shape.type === "list") {
    if (node === "") return; // `Name=` is how awsQuery sends an empty list
    const flat = shape.flattened || ref.flattened;
    const itemName = shape.member!.locationName ?? "member";
    const numbered = flat ? node : isObject(node) && Object.keys(node).length === 1 ? node[itemName] : undefined;
    if (numbered === undefined) return void problems.push(`${path}: a list (shape ${ref.shape}) is sent as ${path}.${itemName}.N, got ${describe(node)}`);
    checkNumbered(numbered, `${path}${flat ? "" : `.${itemName}`}`, problems).forEach((item, i) =>
      checkQuery(model, shape.member!, item, `${path}${flat ? "" : `.${itemName}`}.${i + 1}`, problems),
    );
  } else if (shape.type === "map") {
    const entries = isObject(node) ? node.entry : undefined;
    if (entries === undefined) return void problems.push(`${path}: a map (shape ${ref.shape}) is sent as ${path}.entry.N.key/value`);
    checkNumbered(entries, `${path}.entry`, problems).forEach((entry, i) => {
      const e = isObject(entry) ? entry : {};
      checkQuery(model, shape.key!, e[shape.key!.locationName ?? "key"], `${path}.entry.${i + 1}.key`, problems);
      checkQuery(model, shape.value!, e[shape.value!.locationName ?? "value"], `${path}.entry.${i + 1}.value`, problems);
    });
  } else {
    checkScalar(shape, ref.shape, node, path, true, problems);
  }
}

/** A scalar sent in a URI label, query string or header. */
export function checkText(model: ServiceModel, ref: MemberRef, value: string, path: string, problems: Problems): void {
  const shape = shapeOf(model, ref.shape);
  if (shape.type === "list") {
    checkText(model, shape.member!, value, path, problems);
    return;
  }
  // Headers carry timestamps as RFC 7231 dates; anything Date can read is accepted there.
  if (shape.type === "timestamp" && !Number.isNaN(Date.parse(value))) return;
  checkScalar(shape, ref.shape, value, path, true, problems);
}
