// What `rootsweep unlock` needs from a service whose resources carry a policy (S3 buckets, SQS queues),
// inside one root session: list, find, read, delete and put back a policy. Each implementation makes only
// the calls its root task policy allows (S3UnlockBucketPolicy, SQSUnlockQueuePolicy).
import type { BackupKind } from "../core/policy-backup.js";
import { POLICY_KINDS } from "../core/policy-resource.js";
import type { AwsClients } from "./clients.js";
import type { PolicyAccess } from "./policy-access.js";
import type { RootSession } from "./root-session.js";
import { S3PolicyAccess } from "./unlock-s3.js";
import { SqsPolicyAccess } from "./unlock-sqs.js";

export type { PolicyAccess, PolicyRead, PolicyResource } from "./policy-access.js";
export { POLICY_KINDS, type PolicyKindInfo } from "../core/policy-resource.js";

export function openPolicyAccess(kind: BackupKind, clients: AwsClients, session: RootSession): PolicyAccess {
  if (session.task !== POLICY_KINDS[kind].task) throw new Error(`a ${session.task} root session cannot manage ${kind}`);
  return kind === "s3-bucket-policy" ? new S3PolicyAccess(clients, session) : new SqsPolicyAccess(clients, session);
}
