// Every request an SDK client sends copies the client's resolved settings into a new object three times
// (`{...config}` to resolve the endpoint, `{...config, ...context}` to serialize and to deserialize). The
// SDK's resolvers build those settings by adding to one object with Object.assign, and past a dozen or so
// added properties V8 stores an object's properties in a hash table ("dictionary mode"). Copying from a hash
// table costs several times what copying from a fast object does: with the settings in dictionary mode,
// the copies were about a quarter of the SDK's own CPU per request (bench/sdk-pipeline.ts measures a request
// with the network left out).
//
// V8 turns an object back into a fast one, in place, when it serves as a prototype that property reads go
// through. The settings stay the same object with the same properties (the SDK's middleware holds them by
// reference); only how V8 stores them changes. Where a V8 does not do this, nothing is lost but the speed.

/** A read that misses on its receiver and looks the name up on the receiver's prototype. */
function readThrough(reader: Record<string, unknown>): unknown {
  return reader.rootsweepNoSuchSetting;
}

// V8 allocates a function's inline caches only after a few calls, and makes a prototype fast when a read
// through it reaches its cache: a few dozen reads make sure of both.
const READS = 64;

/** Asks V8 to store the client's settings as a fast object. Call it once the client is built. */
export function withFastSettings<T extends { config: object }>(client: T): T {
  const reader = Object.create(client.config) as Record<string, unknown>;
  for (let i = 0; i < READS; i++) readThrough(reader);
  return client;
}
