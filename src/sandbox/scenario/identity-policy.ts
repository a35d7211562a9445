// A scenario caller's identity policy: the document IAM would attach to the user, checked at load so a
// loaded scenario never fails at run time (every statement well-formed, every condition operator one the
// sandbox's evaluator knows).
import { z } from "zod";
import { unsupportedOperator, type PolicyDocument } from "../policy/evaluate.js";

const oneOrMore = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const conditionValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()).min(1)]);

const statementSchema = z
  .strictObject({
    Sid: z
      .string()
      .regex(/^[A-Za-z0-9]*$/, "must be letters and digits only")
      .optional(),
    Effect: z.enum(["Allow", "Deny"]),
    Action: oneOrMore.optional(),
    NotAction: oneOrMore.optional(),
    Resource: oneOrMore.optional(),
    NotResource: oneOrMore.optional(),
    Condition: z.record(z.string(), z.record(z.string(), conditionValue)).optional(),
  })
  .superRefine((statement, ctx) => {
    if ((statement.Action === undefined) === (statement.NotAction === undefined)) {
      ctx.addIssue({ code: "custom", message: "needs exactly one of Action and NotAction" });
    }
    // Unlike an SCP, an identity policy statement must name its resources.
    if ((statement.Resource === undefined) === (statement.NotResource === undefined)) {
      ctx.addIssue({ code: "custom", message: "needs exactly one of Resource and NotResource" });
    }
    const operator = unsupportedOperator({ Statement: statement });
    if (operator) ctx.addIssue({ code: "custom", path: ["Condition", operator], message: `condition operator ${operator} is not one the sandbox evaluates` });
  });

export const identityPolicySchema = z.strictObject({
  Version: z.enum(["2012-10-17", "2008-10-17"]).optional(),
  // Always a list here (IAM also takes a lone statement): a union would report a bad statement as "Invalid
  // input" instead of naming its field.
  Statement: z.array(statementSchema).min(1),
});

export type IdentityPolicyDocument = z.output<typeof identityPolicySchema> & PolicyDocument;
