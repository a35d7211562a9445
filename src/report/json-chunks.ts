// JSON text written piece by piece, byte for byte what JSON.stringify(value, null, 2) writes for the whole:
// an object whose members are given one by one (one of them may be a stream of items), and arrays whose
// items arrive from an async source. Renderers of streamed audits build on these.

const INDENT = "  ";

/** `value` as JSON.stringify(value, null, 2) writes it `depth` levels deep (its inner lines indented). */
export function nestedJson(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2);
  // JSON escapes every newline inside strings, so each newline here starts a line of layout.
  return depth === 0 ? text : text.replaceAll("\n", `\n${INDENT.repeat(depth)}`);
}

/** An array at `depth` whose items come from `items`: "[]" when there are none. */
export async function* jsonArrayChunks(items: AsyncIterable<unknown> | Iterable<unknown>, depth: number): AsyncGenerator<string> {
  const inner = INDENT.repeat(depth + 1);
  let first = true;
  for await (const item of items) {
    yield `${first ? "[\n" : ",\n"}${inner}${nestedJson(item, depth + 1)}`;
    first = false;
  }
  yield first ? "[]" : `\n${INDENT.repeat(depth)}]`;
}

/**
 * A top-level object: each member as JSON.stringify writes it (undefined ones left out, as it leaves them
 * out), except those `streamed` names, whose items are written as they arrive.
 */
export async function* jsonObjectChunks(
  members: object,
  streamed: Readonly<Record<string, AsyncIterable<unknown> | Iterable<unknown>>>,
): AsyncGenerator<string> {
  let first = true;
  for (const [key, value] of Object.entries(members)) {
    const stream = Object.hasOwn(streamed, key) ? streamed[key] : undefined;
    if (!stream && (value === undefined || typeof value === "function" || typeof value === "symbol")) continue;
    yield `${first ? "{\n" : ",\n"}${INDENT}${JSON.stringify(key)}: `;
    first = false;
    if (stream) yield* jsonArrayChunks(stream, 1);
    else yield nestedJson(value, 1);
  }
  yield first ? "{}" : "\n}";
}
