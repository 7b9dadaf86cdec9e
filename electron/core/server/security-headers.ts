// Headers every response of the core's listeners carries, whatever route answers (renderer files, media,
// tiles, refusals): no sniffing, no referrer, no framing, no shared browsing context, and HSTS under TLS.

/**
 * CSP of every response that is not one of the renderer's pages (serve-static replaces it with the app's own
 * policy, content-security-policy.ts): a stream or an error text shown as a document may do nothing.
 */
export const defaultResponsePolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** The headers; `isTls` adds Strict-Transport-Security (meaningless, and ignored, over plain HTTP). */
export function securityHeaders(isTls: boolean): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': defaultResponsePolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Older browsers that ignore frame-ancestors: no page may frame ours (click-jacking a command button).
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // A year, not includeSubDomains: the certificate names this host, not its neighbours.
    ...(isTls ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

/** Sets the headers on a response before any route writes it (a route's own writeHead values win). */
export function applySecurityHeaders(
  response: { setHeader(name: string, value: string): unknown },
  isTls: boolean,
): void {
  for (const [name, value] of Object.entries(securityHeaders(isTls))) response.setHeader(name, value);
}
