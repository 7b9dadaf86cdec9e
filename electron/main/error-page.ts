// The page a window shows when the shell gives up restarting it: a static, script-free data: URL.
import { escapeHtml } from '@shared/base/escape-html';

/**
 * A `data:` URL of a dark error page naming the problem. It runs no script (its CSP forbids it), so it works
 * even when the renderer keeps crashing on the app's own code, and it cannot use the bridge (other origin).
 */
export function errorPageUrl(title: string, detail: string): string {
  const html = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>body{margin:0;height:100vh;display:flex;align-items:center;justify-content:center;background:#0b1220;
color:#e5e7eb;font:20px/1.5 system-ui,"Noto Sans CJK SC",sans-serif}main{max-width:60ch;padding:2em}
h1{font-size:1.6em;color:#f87171}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p></main></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
