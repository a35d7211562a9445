// The sandbox scenario format (docs/scenario.schema.json, docs/sandbox.md "Scenario files"), as far as a twin
// uses it. Product code never imports the sandbox, so the twin has its own types; test/core/twin.test.ts proves
// they fit the sandbox's own scenario type and that every twin loads.

export type TwinTime = string;

export interface TwinAccessKey {
  /** Omitted when the audit's id is not one the scenario accepts: the sandbox then makes one up. */
  id?: string;
  status: "Active" | "Inactive";
  createdAt?: TwinTime;
  lastUsed?: { date: TwinTime; service?: string; region?: string };
}

export interface TwinMfaDevice {
  type: "virtual" | "hardware";
  serial?: string;
  enabledAt?: TwinTime;
}

export interface TwinSigningCertificate {
  id?: string;
  status: "Active" | "Inactive";
  uploadedAt?: TwinTime;
}

export interface TwinRoot {
  password?: boolean | { createdAt: TwinTime; lastUsedAt?: TwinTime };
  accessKeys: TwinAccessKey[];
  mfaDevices: TwinMfaDevice[];
  signingCertificates: TwinSigningCertificate[];
}

export type TwinAccountStatus = "PENDING_ACTIVATION" | "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE" | "CLOSED";
export const TWIN_ACCOUNT_STATUSES: readonly TwinAccountStatus[] = ["PENDING_ACTIVATION", "ACTIVE", "SUSPENDED", "PENDING_CLOSURE", "CLOSED"];

export interface TwinAccount {
  id: string;
  name: string;
  email?: string;
  status: TwinAccountStatus;
  /** The root's id, an OU id, or (for OUs rebuilt from paths) a path of OU names. */
  parent: string;
  root: TwinRoot;
}

export interface TwinOu {
  /** Omitted for OUs rebuilt from an older audit's paths: the sandbox makes one up. */
  id?: string;
  name: string;
  parent: string;
}

export interface TwinPolicy {
  /** Omitted when the audit's id is not one the scenario accepts: the sandbox makes one up. */
  id?: string;
  name: string;
  description: string;
  content: string;
  targets: string[];
}

export type TwinPartition = "aws" | "aws-us-gov" | "aws-cn";

export interface TwinScenario {
  description: string;
  partition: TwinPartition;
  organization: {
    id: string;
    managementAccount: string;
    featureSet: "ALL" | "CONSOLIDATED_BILLING";
    rootId: string;
    trustedAccess: boolean;
    rootCredentialsManagement: boolean;
    rootSessions: boolean;
    delegatedAdmin?: string;
    scpEnabled: boolean;
  };
  ous: TwinOu[];
  accounts: TwinAccount[];
  policies: TwinPolicy[];
}
