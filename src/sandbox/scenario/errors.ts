/** A scenario that cannot be used: the message names the file and the JSON path of each problem. */
export class ScenarioError extends Error {}
