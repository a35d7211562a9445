// The credential operations of one user: root's (in an AssumeRoot session) or an IAM user's. These are what
// the root task policies allow: read and delete passwords, access keys, signing certificates, MFA devices.
import { accessDenied, AwsError, noSuchEntity, validationError } from "../../errors.js";
import type { QueryParams } from "../../protocols/query.js";
import { members } from "../../protocols/xml.js";
import type { CallContext } from "../context.js";
import { Input, pagingInput, RULES } from "./input.js";
import { paginate } from "./paging.js";
import { callerAccount, keysOf, rootArn, rootCreatedAt, subjectFor, userArn, userCreatedAt, userIdOf, type Subject } from "./subjects.js";

const userNameOf = (subject: Subject) => (subject.kind === "user" ? subject.userName : undefined);
const subjectLabel = (subject: Subject) => (subject.kind === "user" ? subject.userName : "root");

function loginProfileOf(subject: Subject): { createdAt: Date; passwordResetRequired?: boolean } | undefined {
  if (subject.kind === "root") return subject.account.root.password;
  return subject.entries.find((entry) => entry.loginProfile)?.loginProfile;
}

// Root has no name, no path and no password-reset flag: AWS leaves those members out for root.
function loginProfileShape(subject: Subject, profile: { createdAt: Date; passwordResetRequired?: boolean }) {
  return {
    UserName: userNameOf(subject),
    CreateDate: profile.createdAt,
    PasswordResetRequired: subject.kind === "user" ? (profile.passwordResetRequired ?? false) : undefined,
  };
}

export function getLoginProfile(ctx: CallContext, params: QueryParams) {
  const input = new Input(params);
  const userName = input.string("UserName", RULES.userName);
  input.check();
  const subject = subjectFor(ctx, "iam:GetLoginProfile", userName);
  const profile = loginProfileOf(subject);
  if (!profile) throw noSuchEntity(`Login Profile for User ${subjectLabel(subject)} cannot be found.`);
  return { LoginProfile: loginProfileShape(subject, profile) };
}

/** AWS's default password policy (no account password policy is modeled). */
function meetsDefaultPolicy(password: string): boolean {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return password.length >= 8 && classes >= 3;
}

export function createLoginProfile(ctx: CallContext, params: QueryParams) {
  const input = new Input(params);
  const userName = input.string("UserName", RULES.userName);
  const password = input.string("Password", RULES.password);
  const resetRequired = input.bool("PasswordResetRequired");
  input.check();
  const subject = subjectFor(ctx, "iam:CreateLoginProfile", userName);
  // The password itself never reaches CloudTrail; a root-session call has no parameters at all.
  const logged = {
    ...(userName !== undefined ? { userName } : {}),
    ...(resetRequired !== undefined ? { passwordResetRequired: resetRequired } : {}),
  };
  if (Object.keys(logged).length > 0) ctx.trail.requestParameters = logged;
  if (subject.kind === "root") {
    // In an AssumeRoot session the password is never chosen by the caller: the root email's owner sets
    // it through password recovery.
    if (password !== undefined) throw validationError("Password must be omitted when the request is made in an AssumeRoot session.");
    if (subject.account.root.password) throw new AwsError("EntityAlreadyExists", "Login Profile for User root already exists.", 409);
    subject.account.root.password = { createdAt: ctx.now };
    return { LoginProfile: loginProfileShape(subject, subject.account.root.password) };
  }
  if (password === undefined) throw validationError("Password is required unless the request is made in an AssumeRoot session.");
  if (loginProfileOf(subject)) throw new AwsError("EntityAlreadyExists", `Login Profile for User ${subject.userName} already exists.`, 409);
  if (!meetsDefaultPolicy(password)) {
    throw new AwsError("PasswordPolicyViolation", "Password does not conform to the account password policy.", 400);
  }
  const profile = { createdAt: ctx.now, passwordResetRequired: resetRequired ?? false };
  for (const entry of subject.entries) entry.loginProfile = profile;
  return { LoginProfile: loginProfileShape(subject, profile) };
}

export function deleteLoginProfile(ctx: CallContext, params: QueryParams) {
  const input = new Input(params);
  const userName = input.string("UserName", RULES.userName);
  input.check();
  const subject = subjectFor(ctx, "iam:DeleteLoginProfile", userName);
  if (userName !== undefined) ctx.trail.requestParameters = { userName };
  if (!loginProfileOf(subject)) throw noSuchEntity(`Login Profile for User ${subjectLabel(subject)} cannot be found.`);
  if (subject.kind === "root") delete subject.account.root.password;
  else for (const entry of subject.entries) delete entry.loginProfile;
  return undefined;
}

export function getUser(ctx: CallContext, params: QueryParams) {
  const input = new Input(params);
  const userName = input.string("UserName", RULES.userNameLong);
  input.check();
  const subject = subjectFor(ctx, "iam:GetUser", userName);
  if (subject.kind === "root") {
    const root = subject.account.root;
    return {
      User: { UserId: subject.account.id, Arn: subject.arn, CreateDate: rootCreatedAt(subject.account), PasswordLastUsed: root.passwordLastUsedAt },
    };
  }
  return {
    User: { Path: "/", UserName: subject.userName, UserId: userIdOf(subject.entries[0]!), Arn: subject.arn, CreateDate: userCreatedAt(subject.account) },
  };
}

export function listAccessKeys(ctx: CallContext, params: QueryParams) {
  const input = new Input(params);
  const userName = input.string("UserName", RULES.userNameLong);
  const { marker, maxItems } = pagingInput(input);
  input.check();
  const subject = subjectFor(ctx, "iam:ListAccessKeys", userName);
  const page = paginate(keysOf(subject), (key) => key.id, marker, maxItems);
  return {
    AccessKeyMetadata: members(
      page.items.map((key) => ({ UserName: userNameOf(subject), AccessKeyId: key.id, Status: key.status, CreateDate: key.createdAt })),
    ),
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
}

export function deleteAccessKey(ctx: CallContext, params: QueryParams) {
  const input = new Input(params);
  const userName = input.string("UserName", RULES.userNameLong);
  const accessKeyId = input.string("AccessKeyId", RULES.accessKeyId)!;
  input.check();
  const subject = subjectFor(ctx, "iam:DeleteAccessKey", userName);
  ctx.trail.requestParameters = { ...(userName !== undefined ? { userName } : {}), accessKeyId };
  const notFound = () => noSuchEntity(`The Access Key with id ${accessKeyId} cannot be found.`);
  if (subject.kind === "root") {
    const keys = subject.account.root.accessKeys;
    const index = keys.findIndex((key) => key.id === accessKeyId);
    if (index < 0) throw notFound();
    keys.splice(index, 1);
    return undefined;
  }
  // An IAM user exists in the sandbox only through its keys: deleting its last key removes the user too.
  if (!subject.entries.some((entry) => entry.accessKeyId === accessKeyId)) throw notFound();
  ctx.state.callers = ctx.state.callers.filter((caller) => caller.accessKeyId !== accessKeyId);
  ctx.store.indexCallers();
  return undefined;
}

export function getAccessKeyLastUsed(ctx: CallContext, params: QueryParams) {
  const input = new Input(params);
  const accessKeyId = input.string("AccessKeyId", RULES.accessKeyId)!;
  input.check();
  const account = callerAccount(ctx);
  const rootKey = account.root.accessKeys.find((key) => key.id === accessKeyId);
  if (rootKey) {
    ctx.authorize("iam:GetAccessKeyLastUsed", rootArn(ctx.state.partition, account.id));
    return { AccessKeyLastUsed: lastUsedShape(rootKey.lastUsed) };
  }
  const owner = ctx.state.callers.find((caller) => caller.accountId === account.id && caller.accessKeyId === accessKeyId);
  if (!owner) {
    // The operation models no error: a key IAM cannot place in the caller's account has no resource the
    // caller could be authorized on.
    throw accessDenied(`User: ${ctx.principal.arn} is not authorized to perform: iam:GetAccessKeyLastUsed on resource: access key ${accessKeyId}`);
  }
  ctx.authorize("iam:GetAccessKeyLastUsed", userArn(ctx.state.partition, account.id, owner.userName));
  return { UserName: owner.userName, AccessKeyLastUsed: lastUsedShape(undefined) };
}

/** "N/A" service and region and no date for a key never used (or not used since IAM began tracking). */
function lastUsedShape(lastUsed: { date: Date; service: string; region: string } | undefined) {
  return lastUsed ? { LastUsedDate: lastUsed.date, ServiceName: lastUsed.service, Region: lastUsed.region } : { ServiceName: "N/A", Region: "N/A" };
}

export function listSigningCertificates(ctx: CallContext, params: QueryParams) {
  const input = new Input(params);
  const userName = input.string("UserName", RULES.userNameLong);
  const { marker, maxItems } = pagingInput(input);
  input.check();
  const subject = subjectFor(ctx, "iam:ListSigningCertificates", userName);
  const certificates = subject.kind === "root" ? subject.account.root.signingCertificates : [];
  const page = paginate(certificates, (c) => c.id, marker, maxItems);
  return {
    Certificates: members(
      page.items.map((c) => ({ UserName: userNameOf(subject), CertificateId: c.id, CertificateBody: c.body, Status: c.status, UploadDate: c.uploadedAt })),
    ),
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
}

export function deleteSigningCertificate(ctx: CallContext, params: QueryParams) {
  const input = new Input(params);
  const userName = input.string("UserName", RULES.userNameLong);
  const certificateId = input.string("CertificateId", RULES.certificateId)!;
  input.check();
  const subject = subjectFor(ctx, "iam:DeleteSigningCertificate", userName);
  ctx.trail.requestParameters = { ...(userName !== undefined ? { userName } : {}), certificateId };
  const certificates = subject.kind === "root" ? subject.account.root.signingCertificates : [];
  const index = certificates.findIndex((c) => c.id === certificateId);
  if (index < 0) throw noSuchEntity(`The Certificate with id ${certificateId} cannot be found.`);
  certificates.splice(index, 1);
  return undefined;
}

export function listMfaDevices(ctx: CallContext, params: QueryParams) {
  const input = new Input(params);
  const userName = input.string("UserName", RULES.userNameLong);
  const { marker, maxItems } = pagingInput(input);
  input.check();
  const subject = subjectFor(ctx, "iam:ListMFADevices", userName);
  const devices = subject.kind === "root" ? subject.account.root.mfaDevices : [];
  const page = paginate(devices, (d) => d.serial, marker, maxItems);
  return {
    MFADevices: members(page.items.map((d) => ({ UserName: userNameOf(subject), SerialNumber: d.serial, EnableDate: d.enabledAt }))),
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
}

export function deactivateMfaDevice(ctx: CallContext, params: QueryParams) {
  const input = new Input(params);
  const userName = input.string("UserName", RULES.userNameLong);
  const serialNumber = input.string("SerialNumber", RULES.serialNumber)!;
  input.check();
  const subject = subjectFor(ctx, "iam:DeactivateMFADevice", userName);
  ctx.trail.requestParameters = { ...(userName !== undefined ? { userName } : {}), serialNumber };
  const root = subject.account.root;
  const index = subject.kind === "root" ? root.mfaDevices.findIndex((d) => d.serial === serialNumber) : -1;
  if (index < 0) throw noSuchEntity(`MFA Device with serial number ${serialNumber} is not assigned to User ${subjectLabel(subject)}.`);
  const [device] = root.mfaDevices.splice(index, 1);
  // A virtual device outlives its assignment (it must be deleted separately); a hardware one is just gone.
  if (device?.type === "virtual") root.unassignedVirtualMfa.push(device.serial);
  return undefined;
}

/** A virtual device's serial number is its ARN; anything else is named as a device of the caller's account. */
const mfaResource = (partition: string, accountId: string, serialNumber: string) =>
  /^arn:[a-z-]+:iam::\d{12}:mfa\//.test(serialNumber) ? serialNumber : `arn:${partition}:iam::${accountId}:mfa/${serialNumber}`;

export function deleteVirtualMfaDevice(ctx: CallContext, params: QueryParams) {
  const input = new Input(params);
  const serialNumber = input.string("SerialNumber", RULES.serialNumber)!;
  input.check();
  const account = callerAccount(ctx);
  ctx.authorize("iam:DeleteVirtualMFADevice", mfaResource(ctx.state.partition, account.id, serialNumber));
  ctx.trail.requestParameters = { serialNumber };
  const root = account.root;
  if (root.mfaDevices.some((d) => d.type === "virtual" && d.serial === serialNumber)) {
    throw new AwsError("DeleteConflict", `MFA device ${serialNumber} is still assigned to the root user; deactivate it first.`, 409);
  }
  const index = root.unassignedVirtualMfa.indexOf(serialNumber);
  if (index < 0) throw noSuchEntity(`VirtualMFADevice with serial number ${serialNumber} doesn't exist.`);
  root.unassignedVirtualMfa.splice(index, 1);
  return undefined;
}
