// Whether the owning account's root session gets past a Deny in its queue's own policy.
//
// For S3, AWS documents that the bucket owner's root may always get, put and delete the bucket policy. For
// SQS no such exemption is documented. What AWS does document is SQSUnlockQueuePolicy, a root task whose
// purpose is to delete a queue policy that denies all principals (IAM User Guide, "Perform a privileged task
// on an AWS Organizations member account"): that task is pointless unless the owner's root can remove such a
// policy. So "strict" (the default) exempts exactly that and nothing more: SetQueueAttributes whose only
// attribute is Policy set to "" (SQS's way to delete a queue policy). Reading the policy (GetQueueAttributes),
// GetQueueUrl and replacing the policy with another one stay subject to the Deny. ListQueues is never
// governed by a queue policy (a regional permission SQS documents as settable only in IAM policies).
// "lenient" is the sandbox's earlier model: the owner's root session ignores every queue-policy Deny.
// Which one AWS does is UNCONFIRMED (docs/sandbox.md, "Known differences").
import type { SandboxOptions } from "../../options.js";

export type SqsRootPolicyExemption = SandboxOptions["sqsRootPolicyExemption"];

/** Only a request that removes the policy and changes nothing else. */
export function removesPolicyOnly(attributes: Record<string, string>): boolean {
  const names = Object.keys(attributes);
  return names.length === 1 && names[0] === "Policy" && attributes.Policy === "";
}

/**
 * True when the queue policy's Deny does not bind this call of the owning account's root session.
 * `removal` says whether the call is a SetQueueAttributes that only removes the policy.
 */
export function ownerRootExempt(mode: SqsRootPolicyExemption, action: string, removal: boolean): boolean {
  if (mode === "lenient") return true;
  return action === "sqs:SetQueueAttributes" && removal;
}
