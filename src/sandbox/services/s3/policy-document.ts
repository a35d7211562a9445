// What PutBucketPolicy accepts: S3 parses the document and refuses it (400 MalformedPolicy) when it is not
// JSON, has no Statement, or a statement lacks Effect/Principal/Action/Resource or names another bucket.
import { RestXmlError } from "../../protocols/rest-xml.js";

/** S3's documented bucket policy size limit. */
export const MAX_BUCKET_POLICY_BYTES = 20 * 1024;

const malformed = (message: string) => new RestXmlError("MalformedPolicy", message, 400);
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

function wildcard(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "s",
  );
}

/** A resource must name this bucket or objects in it (wildcards allowed), as S3 requires. */
function resourceFitsBucket(resource: unknown, bucket: string): boolean {
  if (typeof resource !== "string") return false;
  if (resource === "*") return true;
  const partition = /^arn:([a-z-]+):s3:::/.exec(resource)?.[1];
  if (!partition) return false;
  const regex = wildcard(resource);
  const arn = `arn:${partition}:s3:::${bucket}`;
  return regex.test(arn) || regex.test(`${arn}/`) || regex.test(`${arn}/x`) || resource.startsWith(`${arn}/`);
}

function actionIsS3(action: unknown): boolean {
  return typeof action === "string" && (action === "*" || /^s3:[A-Za-z0-9*?]*$/i.test(action));
}

/** Throws MalformedPolicy (or MissingRequestBodyError) unless `text` is a policy S3 would store. */
export function validateBucketPolicy(text: string, bucket: string): void {
  if (text.length === 0) throw new RestXmlError("MissingRequestBodyError", "Request Body is empty", 400);
  if (Buffer.byteLength(text, "utf8") > MAX_BUCKET_POLICY_BYTES) throw malformed("Policies must be under 20KB in size.");
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw malformed("Policies must be valid JSON and the first byte must be '{'");
  }
  if (!document || typeof document !== "object" || Array.isArray(document) || !text.trimStart().startsWith("{")) {
    throw malformed("Policies must be valid JSON and the first byte must be '{'");
  }
  const statements = (document as Record<string, unknown>).Statement;
  if (statements === undefined) throw malformed("Missing required field Statement");
  const list = asList(statements);
  if (list.length === 0) throw malformed("Could not parse the policy: Statement is empty!");
  for (const raw of list) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw malformed("Statement is not a JSON object");
    const statement = raw as Record<string, unknown>;
    if (statement.Effect === undefined) throw malformed("Missing required field Effect");
    if (statement.Effect !== "Allow" && statement.Effect !== "Deny") throw malformed(`Invalid effect: ${JSON.stringify(statement.Effect)}`);
    if (statement.Principal === undefined && statement.NotPrincipal === undefined) throw malformed("Missing required field Principal");
    const actions = statement.Action ?? statement.NotAction;
    if (actions === undefined) throw malformed("Missing required field Action");
    if (!asList(actions).every(actionIsS3)) throw malformed("Policy has invalid action");
    const resources = statement.Resource ?? statement.NotResource;
    if (resources === undefined) throw malformed("Missing required field Resource");
    if (!asList(resources).every((r) => resourceFitsBucket(r, bucket))) throw malformed("Policy has invalid resource");
  }
}
