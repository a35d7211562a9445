// aws/body-collector.ts reads each answer's body in place of the SDK's piped collector. A body read short,
// or a read that never ends, would lose an answer: these tests cut bodies short in every way a stream can
// end, including a real HTTP answer whose connection drops mid-body.
import { once } from "node:events";
import { createServer, get, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BodyCutShortError, collectBody } from "../../src/aws/body-collector.js";

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");

describe("collecting an answer's body", () => {
  it("joins every chunk in order, and hands back a single chunk as it came", async () => {
    expect(text(await collectBody(Readable.from([Buffer.from("<a>"), Buffer.from("é"), Buffer.from("</a>")])))).toBe("<a>é</a>");
    const one = Buffer.from("<only/>");
    expect(await collectBody(Readable.from([one]))).toBe(one);
    expect((await collectBody(Readable.from([]))).byteLength).toBe(0);
  });

  it("reads a stream that gives text, and a web stream through the SDK's own collector", async () => {
    const stream = new PassThrough();
    stream.setEncoding("utf8");
    stream.end(Buffer.from("<é/>"));
    expect(text(await collectBody(stream))).toBe("<é/>");
    const web = new Blob(["<web/>"]).stream();
    expect(text(await collectBody(web))).toBe("<web/>");
  });

  it("rejects with the stream's error, and when the stream closes before its end", async () => {
    const failing = new PassThrough();
    const failed = collectBody(failing);
    failing.write("<a>");
    failing.destroy(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }));
    await expect(failed).rejects.toThrow("read ECONNRESET");

    const closing = new PassThrough();
    const closed = collectBody(closing);
    closing.write("<a>");
    closing.destroy();
    const error = await closed.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyCutShortError);
    expect(error).toMatchObject({ code: "ECONNRESET" });
  });

  it("rejects at once a stream that has already ended, failed or been torn down, instead of waiting for ever", async () => {
    const ended = new PassThrough();
    ended.end("x");
    ended.resume();
    await once(ended, "end");
    await expect(collectBody(ended)).rejects.toBeInstanceOf(BodyCutShortError);

    const torn = new PassThrough();
    torn.destroy();
    await expect(collectBody(torn)).rejects.toBeInstanceOf(BodyCutShortError);

    const errored = new PassThrough();
    errored.on("error", () => undefined);
    errored.destroy(new Error("gone"));
    // events.once would reject on the 'error' that comes first.
    await new Promise((resolve) => errored.on("close", resolve));
    await expect(collectBody(errored)).rejects.toThrow("gone");
  });

  it("rejects a real HTTP answer whose connection drops in the middle of the body", async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { "content-length": "1000" });
      response.write("<GetUserResponse>");
      setTimeout(() => response.socket?.destroy(), 20);
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await new Promise<IncomingMessage>((resolve, reject) => get({ host: "127.0.0.1", port, path: "/" }, resolve).on("error", reject));
      const error = await collectBody(answer).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ code: "ECONNRESET" });
    } finally {
      server.close();
    }
  });
});
