// Who may use the control API: only requests naming the sandbox's own address in Host, with no foreign Origin,
// and for POSTs the run's token. A web page in the user's browser (headless Chromium here) must not change the
// sandbox, and a DNS-rebound name must not read the state (which holds the administrator's secret key).
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTROL_TOKEN_ENV, CONTROL_TOKEN_HEADER } from "../../src/sandbox/index.js";
import { controlPost, sandbox, smallScenario, type RunningSandbox } from "../support/sandbox.js";

const CHROMIUM = "/usr/bin/chromium";

/** A raw HTTP request, so Host and Origin are exactly what the test says (fetch will not set Host). */
function raw(sb: RunningSandbox, method: string, path: string, headers: Record<string, string>, body?: string) {
  const url = new URL(sb.url);
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers, setHost: false }, (res: IncomingMessage) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("control API access", () => {
  let sb: RunningSandbox;
  let port: string;
  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario() });
    port = new URL(sb.url).port;
  });
  afterAll(() => sb.close());

  it("prints a per-run token with the export lines", async () => {
    expect(sb.env[CONTROL_TOKEN_ENV]).toBe(sb.controlToken);
    expect(sb.controlToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const other = await sandbox({ scenario: smallScenario() });
    await other.close();
    expect(other.controlToken).not.toBe(sb.controlToken);
  });

  it("answers the addresses it listens on, and refuses any other Host (DNS rebinding)", async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await raw(sb, "GET", "/_sandbox/stats", { host })).status, host).toBe(200);
    }
    for (const host of [`attacker.example:${port}`, "127.0.0.1", `127.0.0.1:${Number(port) + 1}`, ""]) {
      const refused = await raw(sb, "GET", "/_sandbox/state", { host });
      expect(refused.status, host).toBe(403);
      expect(JSON.parse(refused.text)).toEqual({ error: `Host "${host.toLowerCase()}" is not an address this sandbox listens on` });
      expect(refused.text).not.toContain(sb.credentials.secretAccessKey);
    }
  });

  it("refuses a foreign Origin, even with the token; accepts its own", async () => {
    const host = `127.0.0.1:${port}`;
    for (const origin of ["http://attacker.example", "null", `http://localhost:${port}`]) {
      const refused = await raw(sb, "GET", "/_sandbox/state", { host, origin });
      expect(refused.status, origin).toBe(403);
      expect((JSON.parse(refused.text) as { error: string }).error).toBe(`requests from origin "${origin}" are not accepted`);
      const post = await raw(sb, "POST", "/_sandbox/faults", { host, origin, [CONTROL_TOKEN_HEADER]: sb.controlToken }, '{"latencyMs": 900}');
      expect(post.status, origin).toBe(403);
    }
    expect((await raw(sb, "GET", "/_sandbox/stats", { host, origin: `http://${host}` })).status).toBe(200);
    expect(sb.handler.options.latencyMs).toBe(0);
  });

  it("refuses a POST without the token or with a wrong one, and changes nothing", async () => {
    const host = `127.0.0.1:${port}`;
    const attempts: Array<Record<string, string>> = [
      { host },
      { host, [CONTROL_TOKEN_HEADER]: "guess" },
      { host, [CONTROL_TOKEN_HEADER]: `${sb.controlToken}x` },
    ];
    for (const headers of attempts) {
      const refused = await raw(sb, "POST", "/_sandbox/faults", headers, '{"latencyMs": 900}');
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.text)).toEqual({
        error: `POST needs the ${CONTROL_TOKEN_HEADER} header set to $${CONTROL_TOKEN_ENV} (printed with the export lines)`,
      });
    }
    expect(sb.handler.options.latencyMs).toBe(0);
    const accepted = await controlPost(sb, "faults", { latencyMs: 0 });
    expect(accepted.status).toBe(200);
  });
});

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)("control API from a web page in headless Chromium", () => {
  let sb: RunningSandbox;
  let site: Server;
  let siteUrl: string;
  const arrived: Array<{ method: string; origin?: string }> = [];

  beforeAll(async () => {
    sb = await sandbox({ scenario: smallScenario() });
    // Record what reached the sandbox, so the test knows the browser did send its requests.
    const handle = sb.handler.handle.bind(sb.handler);
    sb.handler.handle = (req, res) => {
      if (req.url?.startsWith("/_sandbox/faults")) arrived.push({ method: req.method ?? "", ...(req.headers.origin ? { origin: req.headers.origin } : {}) });
      return handle(req, res);
    };
    // The attacker's page, on another origin: a fetch that needs no preflight, then a form that posts itself.
    const page = `<!doctype html><body><form id="f" method="POST" enctype="text/plain" action="${sb.url}/_sandbox/faults">
<input name='{"latencyMs": 5000, "x": "' value='"}'></form><script>
fetch(${JSON.stringify(`${sb.url}/_sandbox/faults`)}, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: '{"latencyMs": 5000}' })
  .catch(() => {}).finally(() => { document.title = "fetched"; document.getElementById("f").submit(); });
</script></body>`;
    site = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(page));
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await sb.close();
    await new Promise((resolve) => site.close(resolve));
  });

  it("a cross-origin POST is refused and the latency stays as it was", async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await browser.newPage();
      const formPosted = page.waitForURL(/_sandbox\/faults/, { timeout: 20_000 });
      await page.goto(siteUrl);
      await formPosted;
      expect(await page.textContent("body")).toContain("are not accepted");
    } finally {
      await browser.close();
    }
    // Both requests reached the sandbox (so the browser did not block them itself), from the page's origin.
    const origin = siteUrl.slice(0, -1);
    expect(arrived).toEqual([
      { method: "POST", origin },
      { method: "POST", origin },
    ]);
    expect(sb.handler.options.latencyMs).toBe(0);
    const stats = (await (
      await fetch(`${sb.url}/_sandbox/faults`, { method: "POST", headers: { [CONTROL_TOKEN_HEADER]: sb.controlToken }, body: "{}" })
    ).json()) as {
      latencyMs: number;
    };
    expect(stats.latencyMs).toBe(0);
  });
});
