// proxy-from-env ships no type declarations; this is the one function rootsweep uses.
declare module "proxy-from-env" {
  /** The proxy URL for `url` from HTTP_PROXY / HTTPS_PROXY / ALL_PROXY (either case), or "" when NO_PROXY excludes it or none is set. */
  export function getProxyForUrl(url: string | URL): string;
}
