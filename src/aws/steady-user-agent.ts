// The SDK works out a request's User-Agent headers from scratch on every send: it asks for the default
// sections, awaits the retry mode and the app id, and escapes every section with regular expressions. For
// one client and one command type the answer does not change, and at thousands of accounts it cost about
// 3% of an audit's CPU. Here the SDK's own middleware still works the headers out, for the first request of
// each command type; later requests of that type get the same headers. CloudTrail sees the same user agent
// (it names rootsweep: `usage` finds rootsweep's own calls by it).
import { getUserAgentMiddlewareOptions, userAgentMiddleware } from "./sdk/aws-client.js";
import type { BuildHandler, BuildHandlerArguments, HandlerExecutionContext, MiddlewareStack } from "@smithy/types";

const USER_AGENT_HEADERS = ["user-agent", "x-amz-user-agent"] as const;

type Headers = Record<string, string>;

interface UserAgentClient {
  // The middleware reads only the request's headers; every client's stack is typed by its own commands.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middlewareStack: MiddlewareStack<any, any>;
  config: Parameters<typeof userAgentMiddleware>[0];
}

function headersOf(args: BuildHandlerArguments<object>): Headers | undefined {
  const request = args.request as { headers?: unknown } | undefined;
  return request && typeof request.headers === "object" && request.headers !== null ? (request.headers as Headers) : undefined;
}

/**
 * Replaces the client's User-Agent middleware (same name, same step) with one that asks the SDK's once
 * per command type. Call it when building the client: a command type already sent keeps the stack it resolved.
 */
export function steadyUserAgent<T extends UserAgentClient>(client: T): T {
  const sdkMiddleware = userAgentMiddleware(client.config);
  // With cacheMiddleware, the SDK resolves a command type's handlers once, with one context for all its sends.
  const known = new WeakMap<HandlerExecutionContext, Headers>();
  client.middlewareStack.add(
    (next: BuildHandler<object, object>, context: HandlerExecutionContext): BuildHandler<object, object> => {
      const learning = sdkMiddleware((args: BuildHandlerArguments<object>) => {
        const headers = headersOf(args);
        if (headers?.["user-agent"] !== undefined) {
          const worked: Headers = {};
          for (const name of USER_AGENT_HEADERS) if (headers[name] !== undefined) worked[name] = headers[name];
          known.set(context, worked);
        }
        return next(args);
      }, context) as BuildHandler<object, object>;
      return (args) => {
        const headers = headersOf(args);
        const worked = known.get(context);
        if (!headers || !worked) return learning(args);
        Object.assign(headers, worked);
        return next(args);
      };
    },
    { ...getUserAgentMiddlewareOptions, override: true },
  );
  return client;
}
