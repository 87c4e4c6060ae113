/**
 * The HTML of `/docs`: a list of the API documents, and one page per document rendered by Swagger UI from the
 * files of the swagger-ui-dist package (served by assets.ts, never from a CDN: the server may have no internet).
 */
export const DOCUMENTS: Record<string, { title: string; about: string }> = {
  admin: {
    title: 'Admin API',
    about: 'Clientele’s own API: tenants, keys, customers, reservations, inventory',
  },
  zak: { title: 'Zak', about: 'customers, reservations, property and inventory (/kp/*, /kapi/*)' },
  netstorming: { title: 'Netstorming', about: 'B2B customers: insert, enable, disable, setForeignCode' },
  virtpos: { title: 'virtpos', about: 'customers and discount cards, XML or JSON (/api/customer*)' },
};

const page = (title: string, head: string, body: string) => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
</head>
<body>
${body}
</body>
</html>
`;

const STYLE = `<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; color: #222; }
li { margin: 0.6rem 0; } a { color: #1a5fb4; } code { font-size: 0.9em; }
</style>`;

export function indexPage(): string {
  const items = Object.entries(DOCUMENTS)
    .map(
      ([name, { title, about }]) =>
        `<li><a href="docs/${name}">${title}</a>: ${about} (<a href="openapi/${name}.json"><code>/openapi/${name}.json</code></a>)</li>`,
    )
    .join('\n');
  return page(
    'Clientele API documents',
    STYLE,
    `<h1>Clientele API documents</h1>
<p>OpenAPI 3.1 documents of every surface of this server, each rendered for reading and trying.</p>
<ul>
${items}
</ul>`,
  );
}

/** One document in Swagger UI. `validatorUrl: null`: no badge fetched from the internet. */
export function documentPage(name: string): string {
  const { title } = DOCUMENTS[name]!;
  const init = `window.onload = () => {
  window.ui = SwaggerUIBundle({
    url: '../openapi/${name}.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
  });
};`;
  return page(
    `${title}: Clientele API documents`,
    '<link rel="stylesheet" href="assets/swagger-ui.css">',
    `<p style="font-family: system-ui, sans-serif; margin: 1rem 2rem"><a href="../docs">All API documents</a></p>
<div id="swagger-ui"></div>
<script src="assets/swagger-ui-bundle.js"></script>
<script>${init}</script>`,
  );
}
