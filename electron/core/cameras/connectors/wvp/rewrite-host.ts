// Platforms answer with the media server's address as they know it (an internal 10.x address, a container name);
// the wall may reach it elsewhere (NAT, a reverse proxy). `hostRewrite` in platforms.json maps one to the other.

/**
 * `url` with its host replaced by the first rule whose `from` equals the URL's `host:port` or its host name. A `to`
 * with a port replaces both; one without keeps the URL's port. An unparsable URL is returned as given.
 */
export function rewriteHost(url: string, rules: readonly { from: string; to: string }[]): string {
  if (rules.length === 0) return url;
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]+)(.*)$/i.exec(url);
  if (!match) return url;
  const [, scheme, host, rest] = match as unknown as [string, string, string, string];
  const portAt = host.lastIndexOf(':');
  const hasPort = portAt > host.lastIndexOf(']');
  const hostname = hasPort ? host.slice(0, portAt) : host;
  const port = hasPort ? host.slice(portAt) : '';
  for (const rule of rules) {
    if (rule.from === host) return scheme + rule.to + rest;
    if (rule.from === hostname) {
      const toHasPort = rule.to.lastIndexOf(':') > rule.to.lastIndexOf(']');
      return scheme + (toHasPort ? rule.to : rule.to + port) + rest;
    }
  }
  return url;
}
