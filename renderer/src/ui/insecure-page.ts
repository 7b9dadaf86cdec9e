// Whether this page itself arrived over plain HTTP from another machine: then it says 不安全连接 even before the
// core's hello (a login page, a lost connection), whatever the core reports.

/** Plain `http:` from a host that is not this machine (`localhost`, 127.0.0.0/8, `[::1]`). */
export function isPlainHttpOffLoopback(location: Pick<Location, 'protocol' | 'hostname'>): boolean {
  if (location.protocol !== 'http:') return false;
  const host = location.hostname.toLowerCase();
  return !(host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host));
}
