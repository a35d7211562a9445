// `rootsweep enable`: trusted access for IAM, then RootCredentialsManagement, then RootSessions, then
// (optionally) the IAM delegated administrator. Each step reads the current state first and skips what
// is done, so a second run changes nothing. Write clients are created only when a step must write and
// this is not a dry run.
import { DescribeAccountCommand, EnableAWSServiceAccessCommand, RegisterDelegatedAdministratorCommand } from "./sdk/client-organizations.js";
import { EnableOrganizationsRootCredentialsManagementCommand, EnableOrganizationsRootSessionsCommand } from "./sdk/client-iam.js";
import { AwsSetupError, UsageError } from "../core/errors.js";
import type { AwsClients } from "./clients.js";
import { classifyAwsError, isErrorNamed } from "./errors.js";
import { IAM_SERVICE_PRINCIPAL, type OrganizationInfo } from "./organization.js";
import { delegatedAdminsForIam, readRootFeatures, readTrustedAccess } from "./preflight.js";
import { setTimeout as sleep } from "node:timers/promises";

export type EnableStepId = "trusted-access" | "root-credentials-management" | "root-sessions" | "delegated-admin";
/** done: changed now; already: nothing to do; planned: a dry run would change it. */
export type EnableStepStatus = "done" | "already" | "planned";

export interface EnableStep {
  id: EnableStepId;
  title: string;
  status: EnableStepStatus;
  /** The API call that makes (or would make) the change. */
  operation: string;
  note?: string;
}

export interface EnableResult {
  organizationId: string;
  managementAccountId: string;
  caller: { arn: string; accountId: string };
  dryRun: boolean;
  steps: EnableStep[];
  changed: number;
}

export interface EnableOptions {
  /** The caller and its organization (or null), as the setup step (engine/setup.ts) found them. */
  setup: { caller: { arn: string; accountId: string }; org: OrganizationInfo | null };
  delegate?: string;
  dryRun: boolean;
  onStep?: (step: EnableStep) => void;
}

async function requireManagementCaller(clients: AwsClients, setup: EnableOptions["setup"]) {
  const { caller, org } = setup;
  if (!org) {
    throw new AwsSetupError(
      "RS_NOT_IN_ORGANIZATION",
      `account ${caller.accountId} belongs to no AWS Organization; centralized root access manages the member accounts of one`,
      "Create one from the account that is to be the management account: aws organizations create-organization --feature-set ALL",
    );
  }
  if (org.managementAccountId !== caller.accountId) {
    const admins = await delegatedAdminsForIam(clients).catch(() => [] as string[]);
    const what = admins.includes(caller.accountId) ? "the IAM delegated administrator" : "a member account";
    throw new AwsSetupError(
      "RS_NOT_MANAGEMENT_ACCOUNT",
      `only the management account ${org.managementAccountId} of ${org.id} can enable centralized root access; the caller ${caller.arn} is in ${caller.accountId}, ${what}`,
      `Run rootsweep enable with credentials of account ${org.managementAccountId} (e.g. --profile <management-profile>).`,
    );
  }
  if (org.featureSet !== "ALL") {
    throw new AwsSetupError(
      "RS_NOT_ALL_FEATURES",
      `organization ${org.id} has only consolidated billing; centralized root access needs all features`,
      "Run aws organizations enable-all-features (every invited member account must approve), then rootsweep enable again.",
    );
  }
  return { caller, org };
}

async function checkDelegate(clients: AwsClients, accountId: string, managementAccountId: string): Promise<void> {
  if (accountId === managementAccountId) {
    throw new UsageError("RS_BAD_DELEGATE", `--delegate ${accountId}: that is the management account; the delegated administrator must be a member account`);
  }
  try {
    const out = await (await clients.organizations()).send(new DescribeAccountCommand({ AccountId: accountId }));
    const state = out.Account?.State;
    if (state && state !== "ACTIVE") {
      throw new UsageError("RS_BAD_DELEGATE", `--delegate ${accountId}: the account is ${state}; choose an active member account`);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (isErrorNamed(error, "AccountNotFoundException")) {
      throw new UsageError(
        "RS_BAD_DELEGATE",
        `--delegate ${accountId}: no such account in this organization`,
        "List the accounts with: aws organizations list-accounts",
      );
    }
    throw failed(`--delegate ${accountId}`, "organizations:DescribeAccount", error);
  }
}

/** Waits between tries while IAM does not yet see trusted access: about half a minute in all. */
export const PROPAGATION_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 15000];

/**
 * Runs `work`, trying again after each delay while IAM answers ServiceAccessNotEnabled. Not an error retry
 * (withRetry never retries a modelled client error): a wait for a setting just made to reach IAM.
 */
async function whileTrustedAccessPropagates<T>(work: () => Promise<T>, delays: readonly number[] = PROPAGATION_DELAYS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= delays.length || !isErrorNamed(error, "ServiceAccessNotEnabledException")) throw error;
      await sleep(delays[attempt]);
    }
  }
}

function failed(step: string, operation: string, error: unknown): AwsSetupError {
  return new AwsSetupError(
    "RS_ENABLE_FAILED",
    `${step}: ${operation} failed: ${classifyAwsError(error).message}`,
    "Steps before this one stay done; fix the cause and run rootsweep enable again (it skips what is already on).",
  );
}

export async function runEnable(clients: AwsClients, options: EnableOptions): Promise<EnableResult> {
  const { caller, org } = await requireManagementCaller(clients, options.setup);
  if (options.delegate) await checkDelegate(clients, options.delegate, org.managementAccountId);
  const result: EnableResult = {
    organizationId: org.id,
    managementAccountId: org.managementAccountId,
    caller,
    dryRun: options.dryRun,
    steps: [],
    changed: 0,
  };

  const run = async (step: Omit<EnableStep, "status">, isDone: () => Promise<boolean>, write: () => Promise<"done" | "already">) => {
    let status: EnableStepStatus;
    let done: boolean;
    try {
      done = await isDone();
    } catch (error) {
      throw failed(step.title, "reading its current state", error);
    }
    if (done) status = "already";
    else if (options.dryRun) status = "planned";
    else {
      try {
        status = await write();
      } catch (error) {
        throw failed(step.title, step.operation, error);
      }
    }
    const record: EnableStep = { ...step, status };
    if (status !== "already") result.changed++;
    result.steps.push(record);
    options.onStep?.(record);
  };

  await run(
    { id: "trusted-access", title: `trusted access for ${IAM_SERVICE_PRINCIPAL}`, operation: "organizations:EnableAWSServiceAccess" },
    () => readTrustedAccess(clients),
    async () => {
      await (await clients.organizations("write")).send(new EnableAWSServiceAccessCommand({ ServicePrincipal: IAM_SERVICE_PRINCIPAL }));
      return "done";
    },
  );
  // Read once the trusted access step is through: IAM refuses to list features before it. Trusted access
  // just turned on reaches IAM only after a while, so then IAM's "not enabled" is waited out.
  const propagating = result.steps[0]?.status === "done";
  const iamCall = <T>(work: () => Promise<T>) => (propagating ? whileTrustedAccessPropagates(work) : work());
  const features =
    options.dryRun && result.steps[0]?.status === "planned"
      ? { rootCredentialsManagement: false, rootSessions: false }
      : await iamCall(() => readRootFeatures(clients, { strict: propagating })).catch((error: unknown) => {
          throw failed("root features", "iam:ListOrganizationsFeatures", error);
        });
  await run(
    { id: "root-credentials-management", title: "RootCredentialsManagement", operation: "iam:EnableOrganizationsRootCredentialsManagement" },
    () => Promise.resolve(features.rootCredentialsManagement),
    async () => {
      const iam = await clients.callerIam("write");
      await iamCall(() => iam.send(new EnableOrganizationsRootCredentialsManagementCommand({})));
      return "done";
    },
  );
  await run(
    { id: "root-sessions", title: "RootSessions", operation: "iam:EnableOrganizationsRootSessions" },
    () => Promise.resolve(features.rootSessions),
    async () => {
      const iam = await clients.callerIam("write");
      await iamCall(() => iam.send(new EnableOrganizationsRootSessionsCommand({})));
      return "done";
    },
  );
  if (options.delegate) {
    const delegate = options.delegate;
    const admins = await delegatedAdminsForIam(clients).catch((error: unknown) => {
      throw failed(`IAM delegated administrator ${delegate}`, "organizations:ListDelegatedAdministrators", error);
    });
    const others = admins.filter((id) => id !== delegate);
    const step: Omit<EnableStep, "status"> = {
      id: "delegated-admin",
      title: `IAM delegated administrator ${delegate}`,
      operation: "organizations:RegisterDelegatedAdministrator",
    };
    if (others.length > 0) step.note = `${others.join(", ")} is already registered for ${IAM_SERVICE_PRINCIPAL}`;
    await run(
      step,
      () => Promise.resolve(admins.includes(delegate)),
      async () => {
        try {
          await (
            await clients.organizations("write")
          ).send(new RegisterDelegatedAdministratorCommand({ AccountId: delegate, ServicePrincipal: IAM_SERVICE_PRINCIPAL }));
          return "done";
        } catch (error) {
          if (isErrorNamed(error, "AccountAlreadyRegisteredException")) return "already";
          throw error;
        }
      },
    );
  }
  return result;
}
