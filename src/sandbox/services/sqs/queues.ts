// Finding queues: by owner, region and name, or by the queue URL the sandbox handed out
// (`http://<sandbox host>/<account>/<name>`; real SQS: https://sqs.<region>.amazonaws.com/<account>/<name>).
import type { Account, Queue, SandboxState } from "../../state/model.js";
import { invalidAddress, queueDoesNotExist } from "./errors.js";

export interface OwnedQueue {
  account: Account;
  queue: Queue;
}

export const queueArn = (partition: string, region: string, accountId: string, name: string) => `arn:${partition}:sqs:${region}:${accountId}:${name}`;

export const queueUrl = (host: string, accountId: string, name: string) => `http://${host}/${accountId}/${name}`;

/** Queue names are unique per account and region; the same name may exist in another region. */
export function findQueue(state: SandboxState, accountId: string, region: string, name: string): OwnedQueue | undefined {
  const account = state.accounts.get(accountId);
  const queue = account?.queues.find((q) => q.name === name && q.region === region);
  return account && queue ? { account, queue } : undefined;
}

/** The account and name a queue URL names; InvalidAddress when it is not a queue URL at all. */
export function parseQueueUrl(url: string): { accountId: string; name: string } {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    throw invalidAddress(url);
  }
  const match = /^\/(\d{12})\/([^/]+)\/?$/.exec(path);
  if (!match) throw invalidAddress(url);
  try {
    return { accountId: match[1]!, name: decodeURIComponent(match[2]!) };
  } catch {
    throw invalidAddress(url);
  }
}

/** The queue a URL names in the request's region, or QueueDoesNotExist. */
export function queueFromUrl(state: SandboxState, url: string, region: string): OwnedQueue {
  const { accountId, name } = parseQueueUrl(url);
  const found = findQueue(state, accountId, region, name);
  if (!found) throw queueDoesNotExist();
  return found;
}
