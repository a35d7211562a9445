// ListFindings' findingCriteria and sortCriteria. The criterion keys are the JSON field names the model
// documents; an undocumented key is refused as GuardDuty refuses it. Fields that only other finding kinds
// have (EC2, DNS, network) are accepted and have no value on the sandbox's findings.
import { AwsError } from "../../errors.js";
import type { GuardDutyFinding } from "../../state/model.js";

type FieldValue = string | number | boolean | undefined;
type Accessor = (finding: GuardDutyFinding) => FieldValue;

const none: Accessor = () => undefined;

const FIELDS: ReadonlyMap<string, Accessor> = new Map<string, Accessor>([
  ["accountId", (f) => f.accountId],
  ["region", (f) => f.region],
  ["confidence", none],
  ["id", (f) => f.id],
  ["resource.accessKeyDetails.accessKeyId", (f) => f.apiCall.accessKeyId],
  ["resource.accessKeyDetails.principalId", (f) => f.apiCall.principalId],
  ["resource.accessKeyDetails.userName", (f) => f.apiCall.userName],
  ["resource.accessKeyDetails.userType", (f) => f.apiCall.userType],
  ["resource.instanceDetails.iamInstanceProfile.id", none],
  ["resource.instanceDetails.imageId", none],
  ["resource.instanceDetails.instanceId", none],
  ["resource.instanceDetails.networkInterfaces.ipv6Addresses", none],
  ["resource.instanceDetails.networkInterfaces.privateIpAddresses.privateIpAddress", none],
  ["resource.instanceDetails.networkInterfaces.publicDnsName", none],
  ["resource.instanceDetails.networkInterfaces.publicIp", none],
  ["resource.instanceDetails.networkInterfaces.securityGroups.groupId", none],
  ["resource.instanceDetails.networkInterfaces.securityGroups.groupName", none],
  ["resource.instanceDetails.networkInterfaces.subnetId", none],
  ["resource.instanceDetails.networkInterfaces.vpcId", none],
  ["resource.instanceDetails.tags.key", none],
  ["resource.instanceDetails.tags.value", none],
  ["resource.resourceType", () => "AccessKey"],
  ["service.action.actionType", () => "AWS_API_CALL"],
  ["service.action.awsApiCallAction.api", (f) => f.apiCall.api],
  ["service.action.awsApiCallAction.callerType", (f) => f.apiCall.callerType],
  ["service.action.awsApiCallAction.remoteIpDetails.city.cityName", none],
  ["service.action.awsApiCallAction.remoteIpDetails.country.countryName", none],
  ["service.action.awsApiCallAction.remoteIpDetails.ipAddressV4", (f) => f.apiCall.sourceIp],
  ["service.action.awsApiCallAction.remoteIpDetails.organization.asn", none],
  ["service.action.awsApiCallAction.remoteIpDetails.organization.asnOrg", none],
  ["service.action.awsApiCallAction.serviceName", (f) => f.apiCall.serviceName],
  ["service.action.dnsRequestAction.domain", none],
  ["service.action.dnsRequestAction.domainWithSuffix", none],
  ["service.action.networkConnectionAction.blocked", none],
  ["service.action.networkConnectionAction.connectionDirection", none],
  ["service.action.networkConnectionAction.localPortDetails.port", none],
  ["service.action.networkConnectionAction.protocol", none],
  ["service.action.networkConnectionAction.remoteIpDetails.country.countryName", none],
  ["service.action.networkConnectionAction.remoteIpDetails.ipAddressV4", none],
  ["service.action.networkConnectionAction.remoteIpDetails.organization.asn", none],
  ["service.action.networkConnectionAction.remoteIpDetails.organization.asnOrg", none],
  ["service.action.networkConnectionAction.remotePortDetails.port", none],
  ["service.additionalInfo.threatListName", none],
  ["service.archived", (f) => f.archived],
  ["service.ebsVolumeScanDetails.scanId", none],
  ["service.resourceRole", () => "TARGET"],
  ["severity", (f) => f.severity],
  ["type", (f) => f.type],
  // Criteria compare updatedAt as epoch milliseconds.
  ["updatedAt", (f) => f.updatedAt.getTime()],
]);

export const invalidInput = (message: string) => new AwsError("BadRequestException", message, 400);
const OUT_OF_RANGE = "The request is rejected because an invalid or out-of-range value is specified as an input parameter.";

const LIST_OPERATORS = { eq: 50, neq: 50, equals: 50, notEquals: 50, matches: 5, notMatches: 5 } as const;
const NUMBER_OPERATORS = ["gt", "gte", "lt", "lte", "greaterThan", "greaterThanOrEqual", "lessThan", "lessThanOrEqual"] as const;

export type FindingPredicate = (finding: GuardDutyFinding) => boolean;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sameValue(value: FieldValue, wanted: string): boolean {
  if (value === undefined) return false;
  if (typeof value === "number") return wanted.trim() !== "" && Number(wanted) === value;
  if (typeof value === "boolean") return String(value) === wanted.toLowerCase();
  return value === wanted;
}

/** GuardDuty's `matches` takes wildcard patterns: `*` any run, `?` one character. */
function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

function stringList(field: string, operator: string, value: unknown, max: number): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw invalidInput(`The request is rejected because the criterion ${field}.${operator} must be a list of strings.`);
  }
  if (value.length > max) {
    throw invalidInput(`The request is rejected because the criterion ${field}.${operator} has more than ${max} values.`);
  }
  return value as string[];
}

function conditionPredicates(field: string, read: Accessor, condition: Record<string, unknown>): FindingPredicate[] {
  const predicates: FindingPredicate[] = [];
  for (const [operator, max] of Object.entries(LIST_OPERATORS)) {
    const raw = condition[operator];
    if (raw === undefined || raw === null) continue;
    const values = stringList(field, operator, raw, max);
    if (operator === "eq" || operator === "equals") predicates.push((f) => values.some((v) => sameValue(read(f), v)));
    else if (operator === "neq" || operator === "notEquals") predicates.push((f) => !values.some((v) => sameValue(read(f), v)));
    else {
      const patterns = values.map(wildcard);
      const hit = (f: GuardDutyFinding) => {
        const value = read(f);
        return value !== undefined && patterns.some((p) => p.test(String(value)));
      };
      predicates.push(operator === "matches" ? hit : (f) => !hit(f));
    }
  }
  for (const operator of NUMBER_OPERATORS) {
    const raw = condition[operator];
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== "number" || !Number.isFinite(raw)) {
      throw invalidInput(`The request is rejected because the criterion ${field}.${operator} must be a number.`);
    }
    const compare: (a: number) => boolean =
      operator === "gt" || operator === "greaterThan"
        ? (a) => a > raw
        : operator === "gte" || operator === "greaterThanOrEqual"
          ? (a) => a >= raw
          : operator === "lt" || operator === "lessThan"
            ? (a) => a < raw
            : (a) => a <= raw;
    predicates.push((f) => {
      const value = read(f);
      return typeof value === "number" && compare(value);
    });
  }
  return predicates;
}

/** Compiles `findingCriteria` into one predicate; throws BadRequestException for what GuardDuty refuses. */
export function compileCriteria(findingCriteria: unknown): FindingPredicate {
  if (findingCriteria === undefined || findingCriteria === null) return () => true;
  if (!isRecord(findingCriteria)) throw invalidInput(OUT_OF_RANGE);
  const criterion = findingCriteria.criterion;
  if (criterion === undefined || criterion === null) return () => true;
  if (!isRecord(criterion)) throw invalidInput(OUT_OF_RANGE);
  const predicates: FindingPredicate[] = [];
  for (const [field, condition] of Object.entries(criterion)) {
    const read = FIELDS.get(field);
    if (!read) throw invalidInput(`The request is rejected because the criterion field ${field} is not valid.`);
    if (!isRecord(condition)) throw invalidInput(OUT_OF_RANGE);
    predicates.push(...conditionPredicates(field, read, condition));
  }
  return (finding) => predicates.every((p) => p(finding));
}

/**
 * Orders findings by `sortCriteria`; without one, newest update first (GuardDuty does not document its
 * default order). Ties fall back to the id so pages stay stable.
 */
export function sortFindings(findings: GuardDutyFinding[], sortCriteria: unknown): GuardDutyFinding[] {
  let read: Accessor = (f) => f.updatedAt.getTime();
  let descending = true;
  if (sortCriteria !== undefined && sortCriteria !== null) {
    if (!isRecord(sortCriteria)) throw invalidInput(OUT_OF_RANGE);
    const { attributeName, orderBy } = sortCriteria;
    if (attributeName !== undefined) {
      const accessor = typeof attributeName === "string" ? FIELDS.get(attributeName) : undefined;
      if (!accessor) throw invalidInput(`The request is rejected because the sort attribute ${JSON.stringify(attributeName)} is not valid.`);
      read = accessor;
      descending = false;
    }
    if (orderBy !== undefined) {
      if (orderBy !== "ASC" && orderBy !== "DESC") throw invalidInput(OUT_OF_RANGE);
      descending = orderBy === "DESC";
    }
  }
  const sign = descending ? -1 : 1;
  return [...findings].sort((a, b) => {
    const x = read(a);
    const y = read(b);
    if (x !== y) {
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

export { OUT_OF_RANGE };
