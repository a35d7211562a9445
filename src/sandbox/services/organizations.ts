// AWS Organizations; the implementation lives in ./organizations/.
export { organizations } from "./organizations/service.js";
