// The SDK reads every answer's body into bytes before parsing it. For a Node stream its collector pipes the
// stream into a Writable made for the purpose: a stream object, a pipe's half-dozen listeners on each side
// and a write callback per chunk, for bodies of a few hundred bytes that arrive in one chunk. This collector
// listens to the stream itself. It is given to the clients through the SDK's `streamCollector` setting; a
// body that is not a Node stream (a web stream, a Blob) goes to the SDK's own collector.
import { Readable } from "node:stream";
import { streamCollector } from "./sdk/node-http-handler.js";

/** The body could not be read whole; the code is one the SDK's retries treat as transient. */
export class BodyCutShortError extends Error {
  override name = "BodyCutShortError";
  readonly code = "ECONNRESET";

  constructor(why = "the connection closed before the answer's body ended") {
    super(why);
  }
}

export function collectBody(stream: Parameters<typeof streamCollector>[0]): Promise<Uint8Array> {
  if (!(stream instanceof Readable)) return streamCollector(stream);
  // Listeners added now would never hear from a stream that has already ended, failed or been torn down.
  if (stream.errored) return Promise.reject(stream.errored);
  if (stream.destroyed || stream.readableEnded) return Promise.reject(new BodyCutShortError("the answer's body was already read or closed"));
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let length = 0;
    let settled = false;
    stream.on("data", (chunk: Uint8Array | string) => {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      chunks.push(bytes);
      length += bytes.byteLength;
    });
    stream.once("end", () => {
      settled = true;
      resolve(chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, length));
    });
    stream.once("error", (error) => {
      settled = true;
      reject(error);
    });
    // Every answer closes after its end: an error made there for nothing would cost its stack each time.
    stream.once("close", () => {
      if (!settled) reject(new BodyCutShortError());
    });
  });
}
