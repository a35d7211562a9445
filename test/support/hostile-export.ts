// Names no one should type but anyone in the company can: each would break out of a string, start an
// interpolation or a directive, end a comment line, or mean something to YAML, if written unescaped.
import type { GuardrailExport } from "../../src/core/guardrail-export.js";
import { denyRootPolicy } from "../../src/core/policy/guardrail-scp.js";

export const HOSTILE = [
  'quote " and \\ backslash',
  '${file("/etc/passwd")}',
  "%{ if true }x%{ endif }",
  "$${already} %%{escaped}",
  'line\nresource "aws_iam_user" "evil" {}\n#',
  "carriage\rreturn",
  "# not a comment",
  "*anchor &alias !!tag: yes | > - [x] {y} ? %",
  "on",
  "null",
  "2012-10-17",
  "'single' and `backtick`",
  "next\u0085line, \u2028 separator, \u2029 paragraph",
  "bell\u0007 escape\u001b[31m nul\u0000 del\u007f",
  "zero\u200bwidth \u202eright-to-left",
  "Ünïcödé 中文 😀 e\u0301",
  "trailing dollar $",
  "trailing percent %",
  "",
];

/** An organization export where every text anyone typed is hostile. */
export function hostileExport(): GuardrailExport {
  const base = denyRootPolicy([], "aws");
  const statement = base.Statement[0]!;
  return {
    schemaVersion: "1.0",
    source: "organization",
    organizationId: "o-abcdefghij",
    partition: "aws",
    rootId: "r-ab12",
    policies: HOSTILE.slice(0, 3).map((name, i) => ({
      name,
      description: HOSTILE[(i + 4) % HOSTILE.length]!,
      existingId: `p-hostile${i}0`,
      content: {
        Version: "2012-10-17",
        Statement: [
          { ...statement, Sid: "DenyRoot" },
          ...HOSTILE.map((text, j) => ({
            Sid: `S${j}`,
            Effect: "Deny",
            Action: "s3:GetObject",
            Resource: `arn:aws:s3:::${j}/*`,
            Condition: { StringEquals: { "aws:PrincipalTag/x": text, [text || "empty"]: [text, "z"] } },
          })),
        ],
      },
      targets: [
        { id: "r-ab12", kind: "root" as const, label: HOSTILE[4]! },
        { id: "ou-ab12-abcdefgh", kind: "ou" as const, label: HOSTILE[6]! },
        { id: "222233334444", kind: "account" as const, label: HOSTILE[12]! },
      ],
    })),
    trustedAccess: { servicePrincipal: "iam.amazonaws.com", enabled: true },
    iamFeatures: { enabledFeatures: ["RootCredentialsManagement", "RootSessions"] },
    delegatedAdministrators: { servicePrincipal: "iam.amazonaws.com", accountIds: ["222233334444"] },
  };
}
