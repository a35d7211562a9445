// CloudTrail as the sandbox keeps it: one event for every call it serves, logged in the account the call
// acted in (root-session actions in the member account, AssumeRoot in the caller's account), plus the
// real root use a scenario describes. Events are kept compact and rendered to JSON only on lookup.
import { randomUUID } from "node:crypto";
import type { SandboxState } from "./model.js";

export interface UserIdentity {
  type: "IAMUser" | "Root";
  principalId: string;
  arn: string;
  accountId: string;
  accessKeyId?: string;
  userName?: string;
  /** Set for actions made inside an AssumeRoot session. */
  assumedRoot?: { issuedAt: Date };
}

export interface TrailEvent {
  eventId: string;
  time: Date;
  accountId: string;
  region: string;
  eventSource: string;
  eventName: string;
  eventType: "AwsApiCall" | "AwsConsoleSignIn";
  readOnly: boolean;
  identity: UserIdentity;
  sourceIp: string;
  userAgent: string;
  requestParameters?: Record<string, unknown>;
  responseElements?: Record<string, unknown>;
  additionalEventData?: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
  resources?: Array<{ type: string; name: string }>;
}

const READ_ONLY = /^(Get|List|Describe|Lookup|Head)/;

export function isReadOnly(eventName: string): boolean {
  return READ_ONLY.test(eventName);
}

export function usernameOf(identity: UserIdentity): string {
  return identity.type === "Root" ? "root" : (identity.userName ?? identity.principalId);
}

export function renderEvent(event: TrailEvent): string {
  const identity: Record<string, unknown> = {
    type: event.identity.type,
    principalId: event.identity.principalId,
    arn: event.identity.arn,
    accountId: event.identity.accountId,
  };
  if (event.identity.accessKeyId) identity.accessKeyId = event.identity.accessKeyId;
  if (event.identity.userName) identity.userName = event.identity.userName;
  if (event.identity.assumedRoot) {
    identity.sessionContext = {
      attributes: { creationDate: event.identity.assumedRoot.issuedAt.toISOString(), mfaAuthenticated: "false" },
      assumedRoot: "true",
    };
  }
  const record: Record<string, unknown> = {
    eventVersion: "1.10",
    userIdentity: identity,
    eventTime: event.time.toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventSource: event.eventSource,
    eventName: event.eventName,
    awsRegion: event.region,
    sourceIPAddress: event.sourceIp,
    userAgent: event.userAgent,
    requestParameters: event.requestParameters ?? null,
    responseElements: event.responseElements ?? null,
    eventID: event.eventId,
    readOnly: event.readOnly,
    eventType: event.eventType,
    managementEvent: true,
    recipientAccountId: event.accountId,
  };
  if (event.additionalEventData) record.additionalEventData = event.additionalEventData;
  if (event.errorCode) {
    record.errorCode = event.errorCode;
    record.errorMessage = event.errorMessage;
  }
  if (event.resources) record.resources = event.resources.map((r) => ({ type: r.type, ARN: r.name, accountId: event.accountId }));
  return JSON.stringify(record);
}

export class Trail {
  private readonly byAccount = new Map<string, TrailEvent[]>();

  constructor(private readonly limitPerAccount: number) {}

  record(event: Omit<TrailEvent, "eventId">): TrailEvent {
    const full: TrailEvent = { eventId: randomUUID(), ...event };
    let events = this.byAccount.get(event.accountId);
    if (!events) this.byAccount.set(event.accountId, (events = []));
    events.push(full);
    if (events.length > this.limitPerAccount) events.splice(0, events.length - this.limitPerAccount);
    return full;
  }

  /** Events of one account and region, newest first, as LookupEvents returns them. */
  eventsOf(accountId: string, region: string): TrailEvent[] {
    const events = (this.byAccount.get(accountId) ?? []).filter((e) => e.region === region);
    return events.sort((a, b) => b.time.getTime() - a.time.getTime());
  }

  /** Real root use from the scenario: console sign-ins and calls signed with root's own access keys. */
  seedRootUsage(state: SandboxState): void {
    for (const account of state.accounts.values()) {
      for (const usage of account.rootUsage) {
        const login = usage.kind === "console-login";
        this.record({
          time: usage.at,
          accountId: account.id,
          region: usage.region,
          eventSource: usage.eventSource,
          eventName: usage.eventName,
          eventType: login ? "AwsConsoleSignIn" : "AwsApiCall",
          readOnly: !login && isReadOnly(usage.eventName),
          identity: {
            type: "Root",
            principalId: account.id,
            arn: `arn:${state.partition}:iam::${account.id}:root`,
            accountId: account.id,
            ...(usage.accessKeyId ? { accessKeyId: usage.accessKeyId } : {}),
          },
          sourceIp: usage.sourceIp,
          userAgent: login ? "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)" : "aws-cli/2.15.0",
          ...(login
            ? {
                responseElements: { ConsoleLogin: "Success" },
                additionalEventData: { LoginTo: "https://console.aws.amazon.com/", MobileVersion: "No", MFAUsed: "No" },
              }
            : {}),
        });
      }
    }
  }
}
