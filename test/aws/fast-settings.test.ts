// aws/fast-settings.ts asks V8 to store a client's resolved settings as a fast object, because the SDK
// copies them three times per request. Whether V8 did is visible only to V8's own test functions, so a
// child Node with --allow-natives-syntax checks it, for an IAM client as rootsweep builds it (AwsClients),
// before and after, and after the client has sent requests.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const script = `
import { IAMClient, GetUserCommand } from "@aws-sdk/client-iam";
import { withFastSettings } from "./dist/aws/fast-settings.js";
import { AwsClients } from "./dist/aws/clients.js";
const isFast = (o) => %HasFastProperties(o);
const plain = new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
const before = isFast(plain.config);
withFastSettings(plain);
const after = isFast(plain.config);
const clients = await AwsClients.create({ region: "us-east-1", maxAttempts: 1, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, endpoint: "http://127.0.0.1:9" }, {});
const iam = await clients.callerIam();
const built = isFast(iam.config);
// The SDK may add settings while it sends (the first request resolves some); refused calls are enough.
for (let i = 0; i < 3; i++) await iam.send(new GetUserCommand({})).catch(() => undefined);
const sent = isFast(iam.config);
clients.destroy();
console.log(JSON.stringify({ before, after, built, sent }));
`;

describe("client settings stored as a fast object", () => {
  it("turns the SDK's dictionary-mode settings into a fast object, for AwsClients' clients too, and they stay so", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--allow-natives-syntax", "--input-type=module", "--eval", script], {
      cwd: ROOT,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    // "before" false shows the test still measures something: the SDK's resolvers leave the settings slow.
    expect(JSON.parse(stdout.trim())).toEqual({ before: false, after: true, built: true, sent: true });
  });
});
