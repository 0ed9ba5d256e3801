import type * as GraphiQLFiles from '@graphql-yoga/render-graphiql/graphiql';
import type { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { AssetServer } from './static-assets';

type GraphiQLOptions = NonNullable<Parameters<typeof renderGraphiQL>[0]>;

/**
 * The playground as a small page plus hashed, long-cached files: the runtime's renderer inlines
 * ~9 MB of script, style and editor workers into every page load; here the page names them by
 * URL, so a browser fetches them once per GraphiQL version (and compressed). Still no CDN: every
 * file comes from the gateway.
 */
export function graphiqlPage(assets: AssetServer): (options?: GraphiQLOptions) => string {
  // Loaded only when there is a playground: the bundle's ~12 MB of source, parsed, cost a
  // gateway ~60 MB of resident memory, in production too while it was imported at the top.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require, so that a gateway without a playground never loads the bundle
  const graphiql = require('@graphql-yoga/render-graphiql/graphiql') as typeof GraphiQLFiles;
  const tree = assets.addTree('graphiql', [
    { name: 'graphiql.css', type: 'text/css; charset=utf-8', body: graphiql.css },
    { name: 'graphiql.js', type: 'text/javascript; charset=utf-8', body: graphiql.js },
    { name: 'editor.worker.js', type: 'text/javascript; charset=utf-8', body: graphiql.editorWorkerService },
    { name: 'json.worker.js', type: 'text/javascript; charset=utf-8', body: graphiql.jsonWorker },
    { name: 'graphql.worker.js', type: 'text/javascript; charset=utf-8', body: graphiql.graphqlWorker },
  ]);
  const workers = {
    editorWorkerService: tree.urlOf('editor.worker.js'),
    json: tree.urlOf('json.worker.js'),
    graphql: tree.urlOf('graphql.worker.js'),
  };
  // JSON inside a <script>: `<` escaped so no value can close the element
  const inline = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return (options = {}) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(options.title ?? 'GraphiQL')}</title>
  <link rel="icon" href="${escapeHtml(options.favicon ?? 'data:,')}">
  <link rel="stylesheet" href="${tree.urlOf('graphiql.css')}">
</head>
<body id="body" class="no-focus-outline">
  <noscript>You need to enable JavaScript to run this app.</noscript>
  <div id="root"></div>
  <script>
    const workers = ${inline(workers)};
    self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };
  </script>
  <script src="${tree.urlOf('graphiql.js')}"></script>
  <script>YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${inline(options)});</script>
</body>
</html>
`;
}
