// The `tianmu` command (plain Node, never Electron): serve the wall in the browser host, check a workspace, or
// manage its users, or verify and list the journal.
import { parseArgs } from 'node:util';
import { loadWorkspace } from './core/workspace/load-workspace';
import { WorkspaceError } from './core/files/workspace-error';
import { defaultPaths } from './host-browser/app-paths';
import { parseDisplays } from './host-browser/parse-displays';
import { findBrowser } from './host-browser/find-browser';
import { startBrowserHost } from './host-browser/browser-host';
import { runUserCommand } from './core/auth/user-cli';
import { runJournalCli } from './core/journal/journal-cli';
import { serveServerOptions } from './host-browser/serve-flags';
import { isLoopbackHost } from './core/server/listen-policy';

const usage = `usage: tianmu <command> [options]

commands:
  serve             run the core and serve the wall over HTTP + WebSocket (the browser host)
  check-workspace   validate a workspace folder and exit
  user              manage the workspace's users.json (tianmu user --help)
  journal           verify or list the journal of a state folder (tianmu journal --help)

options:
  --workspace DIR   workspace folder (default: the embedded demo district)
  --state-dir DIR   where the wall state is saved (default: <workspace>/.state), and on the
                    embedded demo also snapshots and imported scenario packs
  --port N          HTTP port on 127.0.0.1 (default 7300, or the workspace's server.listen; 0 = any free port)
  --listen ADDR:PORT  serve other machines too: 0.0.0.0:7443, 192.168.1.20:7443, [::]:7443. Off loopback
                    TLS is required: --tls-cert and --tls-key (or the workspace's server.tls)
  --tls-cert FILE   PEM certificate chain to serve HTTPS and WSS with (all ports)
  --tls-key FILE    its PEM private key
  --name HOST       a host name other machines use for this one (repeatable; the certificate's names are
                    accepted anyway); the first also names the demo media server in stream URLs
  --insecure-lan    allow plain HTTP off loopback: every window shows a red 不安全连接 banner
  --displays SPEC   simulated displays: a count (2) or sizes (1920x1080,1920x1080); default 2
  --open            open each window in a local Chrome/Chromium
  --no-token        do not require the access token on the WebSocket (local testing only)
  --demo-typhoon    start the demo typhoon script at once (needs the demo source)
  --demo-incident-seconds N   mean seconds between two demo incidents (default 25; tests use fewer)
  --media-ports N   ports the demo media server answers on besides --port (default 3): Chromium
                    connects WebSockets to one host:port one at a time, 10 ms apart
  --history-points N  history points kept per topic, in the core and every window (default 4,000;
                    the soak bench makes it small so the caps fill before it measures)
  --fault-injection test only: media fault control at /test/media/ (stop/stall/restart streams)
`;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'user') return runUserCommand(argv.slice(1), process);
  if (argv[0] === 'journal') return runJournalCli(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      'state-dir': { type: 'string' },
      port: { type: 'string' },
      listen: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      name: { type: 'string', multiple: true },
      'insecure-lan': { type: 'boolean', default: false },
      displays: { type: 'string', default: '2' },
      open: { type: 'boolean', default: false },
      'no-token': { type: 'boolean', default: false },
      'demo-typhoon': { type: 'boolean', default: false },
      'demo-incident-seconds': { type: 'string' },
      'fault-injection': { type: 'boolean', default: false },
      'media-ports': { type: 'string', default: '3' },
      'history-points': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0] ?? 'serve';
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const paths = defaultPaths();
  const workspaceDir = values.workspace ?? paths.workspace;

  if (command === 'check-workspace') {
    const workspace = await loadWorkspace(workspaceDir);
    console.log(
      `workspace ok: ${workspace.manifest.name.zh} — ${workspace.cameras.cameras.length} cameras, ` +
        `${workspace.indicators.length} indicators, ${workspace.scenarios.length} scenarios`,
    );
    return 0;
  }
  if (command !== 'serve') {
    process.stderr.write(`unknown command '${command}'\n\n${usage}`);
    return 2;
  }

  const server = serveServerOptions(values, process.cwd());
  const incidentSeconds =
    values['demo-incident-seconds'] === undefined ? undefined : Number(values['demo-incident-seconds']);
  if (incidentSeconds !== undefined && !(incidentSeconds >= 0.5 && incidentSeconds <= 3_600))
    throw new Error(`--demo-incident-seconds: '${values['demo-incident-seconds']}' is not 0.5–3600`);
  const extraMediaPorts = Number(values['media-ports']);
  if (!Number.isInteger(extraMediaPorts) || extraMediaPorts < 0 || extraMediaPorts > 16)
    throw new Error(`--media-ports: '${values['media-ports']}' is not 0–16`);
  const historyPoints = values['history-points'] === undefined ? undefined : Number(values['history-points']);
  if (historyPoints !== undefined && !(Number.isInteger(historyPoints) && historyPoints >= 10))
    throw new Error(`--history-points: '${values['history-points']}' is not a whole number ≥ 10`);
  const host = await startBrowserHost({
    workspaceDir,
    rendererDir: paths.renderer,
    clipsDir: paths.clips,
    ...server,
    displays: parseDisplays(values.displays),
    ...(values['state-dir'] ? { stateDir: values['state-dir'] } : {}),
    // The embedded demo is never written: snapshots and imported packs go to the state folder.
    isEmbeddedDemo: values.workspace === undefined,
    ...(values['no-token'] ? { accessToken: null } : {}),
    demoTyphoon: values['demo-typhoon'],
    ...(incidentSeconds !== undefined ? { demoIncidentSeconds: incidentSeconds } : {}),
    ...(values['fault-injection'] ? { faultInjection: true } : {}),
    ...(historyPoints !== undefined ? { historyPoints } : {}),
    extraMediaPorts,
  });
  console.log(
    `Tianmu 天幕 — ${host.core.workspace.manifest.name.zh} (${host.core.workspace.manifest.district.zh})`,
  );
  for (const window of host.windows) console.log(`  ${window.label.padEnd(24)} ${window.url}`);
  const facts = host.core.server;
  const port = new URL(host.core.origin).port;
  // Other machines' addresses: none when the core listens on loopback only.
  const lanNames = isLoopbackHost(new URL(`http://${facts.listen}`).hostname)
    ? []
    : facts.names.filter((name) => !isLoopbackHost(name));
  for (const name of lanNames)
    console.log(
      `  on the LAN               ${facts.scheme}://${name.includes(':') ? `[${name}]` : name}:${port}/`,
    );
  if (facts.certificate)
    console.log(
      `  TLS certificate          SHA-256 ${facts.certificate.fingerprint256} (valid to ${facts.certificate.validTo})`,
    );
  if (facts.isInsecureLan)
    console.error(
      `tianmu: WARNING — serving ${facts.listen} over plain HTTP (--insecure-lan): streams, tokens and passwords ` +
        'cross the network in clear; every window shows 不安全连接',
    );
  if (values['fault-injection'])
    console.log('  fault injection (test only) at /test/media/ — never in production');

  if (values.open) {
    const browser = findBrowser();
    const hasScreen =
      process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
    if (browser && hasScreen) {
      console.log(`opening the windows in ${browser}`);
      host.openWindows(browser);
    } else {
      console.log(
        browser
          ? 'no graphical display: open the URLs above in a browser'
          : 'no Chrome/Chromium found: open the URLs above in a browser',
      );
    }
  }
  console.log('press Ctrl+C to stop');

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof WorkspaceError) {
      console.error(`workspace refused — ${error.message}`);
    } else {
      console.error(`tianmu: ${(error as Error).message ?? error}`);
    }
    process.exit(1);
  },
);
