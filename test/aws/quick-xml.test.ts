// aws/quick-xml.ts reads IAM's and STS's answers instead of the SDK's XML parser, and must give exactly what
// the SDK's parser gives, or decline. A wrong read could hide a credential, so these tests compare the two
// on thousands of generated documents (plain ones, odd ones and broken ones) at both levels: the parser's
// raw result, and what the query protocol's deserializer makes of it. Then they check that every answer the
// sandbox gives to the IAM and STS calls rootsweep makes takes the quick path, and reads the same.
import {
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
} from "@aws-sdk/client-iam";
import { AssumeRootCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsQueryProtocol, XmlShapeDeserializer } from "@aws-sdk/core/protocols";
import { parseXML } from "@aws-sdk/xml-builder";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { quickXml } from "../../src/aws/quick-xml.js";
import { QuickXmlDeserializer, QuickXmlQueryProtocol } from "../../src/aws/query-protocol.js";
import { rootSession, sandboxWithClients, TASK_POLICY } from "../support/sandbox.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const SETTINGS = {
  timestampFormat: { useTrait: true, default: 5 as const },
  httpBindings: false,
  xmlNamespace: "https://iam.amazonaws.com/doc/2010-05-08/",
  serviceNamespace: "com.amazonaws.iam",
  serializeEmptyLists: true,
};

class SdkProbe extends XmlShapeDeserializer {
  parse(xml: string): unknown {
    return this.parseXml(xml);
  }
}
class QuickProbe extends QuickXmlDeserializer {
  parse(xml: string): unknown {
    return this.parseXml(xml);
  }
}
const sdkDeserializer = new SdkProbe(SETTINGS);
const quickDeserializer = new QuickProbe(SETTINGS);

/** A value written out with its key order, own `__proto__` keys and prototypes, so that any difference shows. */
function shape(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(shape).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const proto = Object.getPrototypeOf(value) === Object.prototype ? "" : "(odd prototype)";
    return `${proto}{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${shape((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  return value === undefined ? "undefined" : JSON.stringify(value);
}

function outcome(read: () => unknown): string {
  try {
    return `value ${shape(read())}`;
  } catch (error) {
    return `error ${(error as Error).message}`;
  }
}

/** A small seeded generator, so a failure names a document that can be made again. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    int: (n: number) => Math.floor(next() * n),
  };
}

const NAMES = [
  "Member",
  "member",
  "UserName",
  "Arn",
  "a",
  "B",
  "_u",
  "n-1",
  "n.2",
  "x:y",
  "xmlns",
  "toString",
  "__proto__",
  "constructor",
  "#text",
  "ü",
  "a b",
] as const;
const TEXTS = [
  "",
  "x",
  "AKIAAAAAAAAAAAAAAAA1",
  "2026-12-01T10:00:00Z",
  "  ",
  "\n  ",
  "\n",
  " lead",
  "tab\t",
  "a&amp;b",
  "&#x41;&#66;",
  "&bogus;",
  "& alone",
  "x\r\ny",
  "\r",
  ">",
  "İ",
  "é",
  "=\"'",
  "/",
] as const;
const PROLOGUES = [
  "",
  "",
  '<?xml version="1.0" encoding="UTF-8"?>\n',
  "<?xml version='1.0'?>",
  "\n  ",
  "<!-- note -->",
  "<!DOCTYPE x>",
  "<?xml İ?>",
  "<?xml?><?two?>",
  "<?unclosed",
  "junk",
] as const;

/** A generated document: plain, as AWS writes them, or odd (every feature and fault the generator knows). */
function document(rng: ReturnType<typeof random>): string {
  const plain = rng.chance(0.5);
  const pick = <T>(all: readonly T[], plainCount: number): T => (plain || rng.chance(0.85) ? rng.pick(all.slice(0, plainCount)) : rng.pick(all));
  const element = (depth: number): string => {
    const name = pick(NAMES, 11);
    let open = `<${name}`;
    for (let i = rng.int(rng.chance(0.3) ? 3 : 1); i > 0; i--) {
      const attribute = pick(["xmlns", "a", "b", "xsi:type", "B", ...NAMES], 5);
      const value = pick(TEXTS, 10);
      open += pick(
        [
          ` ${attribute}="${value}"`,
          ` ${attribute}='${value}'`,
          `${attribute}="x"`,
          ` ${attribute} = "${value}"`,
          ` ${attribute}=${value}`,
          ` ${attribute}`,
          ` ${attribute}="open`,
        ],
        2,
      );
    }
    if (rng.chance(0.12)) return `${open}${pick(["/>", " />", "/", "/ >"], 2)}`;
    let inner = "";
    const parts = depth > 4 ? rng.int(2) : rng.int(5);
    for (let i = 0; i < parts; i++) {
      if (rng.chance(0.55)) inner += element(depth + 1);
      else if (plain || rng.chance(0.9)) inner += pick(TEXTS, 10);
      else inner += rng.pick(["<!-- c -->", "<![CDATA[a<b]]>", "<?pi x?>", "<!-- open"]);
      if (rng.chance(0.5)) inner += rng.pick(["\n  ", "\n", "  ", ""]);
    }
    const close = plain || rng.chance(0.9) ? `</${name}>` : rng.pick([`</${name} >`, `</${name}\n>`, "</other>", "", `</${name}`]);
    return `${open}>${inner}${close}`;
  };
  let text = `${pick(PROLOGUES, 5)}${element(0)}${pick(["", "\n", " trailing", "<extra/>"], 2)}`;
  if (plain) return text;
  // Some documents are broken on purpose: cut short, or one character added or taken out.
  if (rng.chance(0.2)) text = text.slice(0, rng.int(text.length + 1));
  if (rng.chance(0.15)) {
    const at = rng.int(text.length + 1);
    text = text.slice(0, at) + rng.pick(["<", ">", "/", '"', "=", "&", "\r", " ", "!", "?", "İ"]) + text.slice(at);
  }
  if (rng.chance(0.1)) {
    const at = rng.int(text.length);
    text = text.slice(0, at) + text.slice(at + 1);
  }
  return text;
}

// QUICK_XML_DOCS=300000 QUICK_XML_SEED=7 npx vitest run test/aws/quick-xml.test.ts compares for longer (about 12 s).
const DOCUMENTS = Number(process.env.QUICK_XML_DOCS ?? 6000);

describe("the quick XML reader", () => {
  it("gives exactly the SDK parser's result, or declines, on thousands of generated documents", () => {
    const rng = random(Number(process.env.QUICK_XML_SEED ?? 19));
    let quick = 0;
    let sdkFailed = 0;
    for (let n = 0; n < DOCUMENTS; n++) {
      const text = document(rng);
      const root = quickXml(text);
      const sdk = outcome(() => parseXML(text));
      if (sdk.startsWith("error")) sdkFailed++;
      if (root) {
        quick++;
        expect(`value ${shape({ [root.tag]: root.value })}`, `document ${n}: ${JSON.stringify(text)}`).toBe(sdk);
      }
      // Through the query protocol's deserializer: the quick path, or the SDK's own when it declines.
      expect(
        outcome(() => quickDeserializer.parse(text)),
        `document ${n}: ${JSON.stringify(text)}`,
      ).toBe(outcome(() => sdkDeserializer.parse(text)));
    }
    // The comparison is only worth something if both kinds of document were generated.
    expect(quick).toBeGreaterThan(DOCUMENTS * 0.4);
    expect(sdkFailed).toBeGreaterThan(DOCUMENTS * 0.2);
  });

  it("reads an answer shaped like IAM's documented ones, list members, attributes and empty elements included", () => {
    const answer = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ListAccessKeysResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">',
      "  <ListAccessKeysResult>",
      "    <AccessKeyMetadata>",
      "      <member><AccessKeyId>AKIAAAAAAAAAAAAAAAA1</AccessKeyId><Status>Active</Status></member>",
      "      <member><AccessKeyId>AKIAAAAAAAAAAAAAAAA2</AccessKeyId><Status>Inactive</Status></member>",
      "    </AccessKeyMetadata>",
      "    <IsTruncated>false</IsTruncated>",
      "    <Marker/>",
      "  </ListAccessKeysResult>",
      "  <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8e00000000</RequestId></ResponseMetadata>",
      "</ListAccessKeysResponse>",
    ].join("\n");
    expect(quickXml(answer)).toBeDefined();
    expect(shape(quickDeserializer.parse(answer))).toBe(shape(sdkDeserializer.parse(answer)));
    expect(quickDeserializer.parse(answer)).toMatchObject({
      ListAccessKeysResult: { AccessKeyMetadata: { member: [{ AccessKeyId: "AKIAAAAAAAAAAAAAAAA1" }, { Status: "Inactive" }] }, Marker: "" },
    });
  });

  it("declines what it does not read, and the SDK's parser then reads it, entities and all", () => {
    for (const text of [
      "<a>x &amp; y</a>",
      "<a>\r\n</a>",
      "<a><!-- c --></a>",
      "<a><![CDATA[x]]></a>",
      "<!DOCTYPE a><a/>",
      "<a b = 'c'/>",
      "<toString>x</toString>",
      "<a></a >",
    ]) {
      expect(quickXml(text), text).toBeUndefined();
    }
    expect(quickDeserializer.parse("<R><Name>Tom &amp; Jerry</Name></R>")).toEqual({ Name: "Tom & Jerry" });
    expect(() => quickDeserializer.parse("<R><Name>x</R>")).toThrow(/mismatched tags/);
  });

  it("tells apart names it has read before: a shared beginning, the same first letter and lengths 256 apart, a full cache", () => {
    // The reader keeps names it has read in buckets by first letter and length (modulo 256), four at most each.
    const long = (name: string) => name + "z".repeat(256);
    const names = ["a", long("a"), "ab", long("ab"), "Arn", "ArnX", "Ar", ...Array.from({ length: 600 }, (_, i) => `N${i}`)];
    for (const order of [names, [...names].reverse()]) {
      const text = `<Root>${order.map((name, i) => `<${name}>${i}</${name}><${name} k="${i}"/>`).join("\n")}</Root>`;
      const root = quickXml(text);
      expect(root, "takes the quick path").toBeDefined();
      expect(`value ${shape({ [root!.tag]: root!.value })}`).toBe(outcome(() => parseXML(text)));
    }
    // Names an object already has are declined however many names came before them.
    for (const inherited of ["constructor", "toString", "__proto__"]) expect(quickXml(`<Root><N1/><${inherited}>x</${inherited}></Root>`)).toBeUndefined();
  });

  it("keeps no answer alive through a text read from it", async () => {
    // V8 keeps a slice of 13 characters or more as a view into the whole string. A child Node with --expose-gc
    // keeps one 24-character text out of each of 2,000 answers of 10 KB, read by the reader and, to show the
    // measure sees it, cut with a bare slice: the slices keep 20 MB alive, the reader's texts a few hundred KB.
    const script = `
      import { quickXml } from "./dist/aws/quick-xml.js";
      const answer = (i) => "<R><Pad>" + "p".repeat(10000) + i + "</Pad><CertificateId>CERT" + String(i).padStart(20, "0") + "</CertificateId></R>";
      const grows = (read) => {
        const kept = [];
        globalThis.gc();
        const before = process.memoryUsage().heapUsed;
        for (let i = 0; i < 2000; i++) kept.push(read(answer(i)));
        globalThis.gc();
        if (kept.some((id, i) => id !== "CERT" + String(i).padStart(20, "0"))) throw new Error("a text read wrong");
        return process.memoryUsage().heapUsed - before;
      };
      const quick = grows((text) => quickXml(text).value.CertificateId);
      const sliced = grows((text) => text.slice(text.indexOf("CERT"), text.indexOf("</Cert")));
      console.log(JSON.stringify({ quick, sliced }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "--input-type=module", "--eval", script], { cwd: ROOT });
    const { quick, sliced } = JSON.parse(stdout.trim()) as { quick: number; sliced: number };
    expect(sliced, "the measure sees answers kept alive").toBeGreaterThan(15_000_000);
    expect(quick).toBeLessThan(2_000_000);
  });

  it("declines nesting deeper than it reads, where the SDK's parser still answers", () => {
    const deep = `${"<a>".repeat(200)}x${"</a>".repeat(200)}`;
    expect(quickXml(deep)).toBeUndefined();
    expect(shape(quickDeserializer.parse(deep))).toBe(shape(sdkDeserializer.parse(deep)));
  });
});

describe("IAM and STS answers through rootsweep's clients", () => {
  const fixture = sandboxWithClients();
  afterEach(() => vi.restoreAllMocks());

  it("replace only the protocol the SDK itself uses for IAM and STS (a future SDK that moves them to another fails here)", () => {
    const settings = { region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } };
    for (const client of [new IAMClient(settings), new STSClient(settings)]) {
      expect(Object.getPrototypeOf(client.config.protocol)).toBe(AwsQueryProtocol.prototype);
      client.destroy();
    }
  });

  it("take the quick path for every call an audit makes, errors included, and read as the SDK would", async () => {
    const read = vi.spyOn(QuickXmlDeserializer.prototype as unknown as { parseXml(xml: string): unknown }, "parseXml");
    const sts = await fixture.clients.sts();
    expect(sts.config.protocol).toBeInstanceOf(QuickXmlQueryProtocol);
    await sts.send(new GetCallerIdentityCommand({}));
    const assumed = await sts.send(new AssumeRootCommand({ TargetPrincipal: "222222222222", TaskPolicyArn: { arn: TASK_POLICY.audit } }));
    const c = assumed.Credentials;
    expect(c?.SessionToken?.length).toBeGreaterThan(100);
    const session = { accessKeyId: c?.AccessKeyId ?? "", secretAccessKey: c?.SecretAccessKey ?? "", sessionToken: c?.SessionToken ?? "" };
    const iam = await fixture.clients.sessionIam(session, "read");
    await iam.send(new GetAccountSummaryCommand({}));
    await iam.send(new GetUserCommand({}));
    await iam.send(new GetLoginProfileCommand({}));
    await iam.send(new ListMFADevicesCommand({}));
    await iam.send(new ListSigningCertificatesCommand({}));
    const keys = await iam.send(new ListAccessKeysCommand({}));
    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keys.AccessKeyMetadata?.[0]?.AccessKeyId ?? "" }));
    expect(used.AccessKeyLastUsed?.ServiceName).toBe("s3");
    const clean = await fixture.clients.sessionIam(await rootSession(fixture.sb, "333333333333", TASK_POLICY.audit), "read");
    const missing = await clean.send(new GetLoginProfileCommand({})).catch((error: unknown) => error);
    expect((missing as Error).name).toBe("NoSuchEntityException");

    const answers = read.mock.calls.map(([xml]) => xml);
    expect(answers.length).toBeGreaterThanOrEqual(10);
    for (const xml of answers) {
      expect(quickXml(xml), xml).toBeDefined();
      expect(shape(quickDeserializer.parse(xml)), xml).toBe(shape(sdkDeserializer.parse(xml)));
    }
  });
});
