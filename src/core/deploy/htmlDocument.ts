// The opening of Sapling's self-contained HTML pages (the prediction page, the monitoring report):
// one strict Content-Security-Policy, no referrer, the page's own inline CSS.

/** Text for HTML content and attribute values (`&`, `<`, `>`, both quotes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page's doctype and head through the opening `<main>`: its CSP (the hashes of its inline script and style), title and CSS. */
export function htmlDocumentStart(page: { readonly csp: string; readonly title: string; readonly css: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(page.csp)}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)} · Sapling</title>
<style>${page.css}</style>
</head>
<body>
<main>`;
}
