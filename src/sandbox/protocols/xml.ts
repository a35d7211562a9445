// XML output through a real builder (it escapes text), never string concatenation.
import { XMLBuilder } from "fast-xml-parser";

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  suppressEmptyNode: false,
  processEntities: true,
  format: false,
});

export type XmlValue = string | number | boolean | Date | undefined | null | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

/** Dates become ISO-8601; undefined members are left out, as AWS leaves out absent optional members. */
function normalize(value: XmlValue): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) if (member !== undefined && member !== null) out[key] = normalize(member);
    return out;
  }
  return value;
}

export function buildXml(root: string, body: XmlObject, xmlns?: string): string {
  const content = normalize(body) as Record<string, unknown>;
  if (xmlns) content["@_xmlns"] = xmlns;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: content })}`;
}

/** awsQuery lists are <member> elements. */
export const members = (items: XmlValue[]): XmlObject => ({ member: items });
/** awsQuery maps are <entry><key/><value/></entry>. */
export const entries = (map: Record<string, XmlValue>): XmlObject => ({
  entry: Object.entries(map).map(([key, value]) => ({ key, value })),
});
