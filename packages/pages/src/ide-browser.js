// Starts GraphiQL in the browser (served as it is: no build step). The page gives the endpoint, the example tabs
// and, in development, the demo credentials the "Send as" picker offers.
const config = JSON.parse(document.getElementById('ide-config').textContent);
const picker = document.getElementById('send-as');
const CREDENTIALS = ['x-api-key', 'authorization'];

/** The tab's headers, with its credentials replaced by the picked persona's when one is picked. */
function headersFor(tabHeaders) {
  const persona = picker?.value ? config.personas[Number(picker.value)] : undefined;
  if (!persona) return tabHeaders;
  const kept = Object.fromEntries(
    Object.entries(tabHeaders).filter(([name]) => !CREDENTIALS.includes(name.toLowerCase())),
  );
  return { ...kept, ...persona.headers };
}

async function fetcher(params, options) {
  const response = await fetch(config.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...headersFor(options?.headers ?? {}),
    },
    body: JSON.stringify(params),
  });
  return response.json();
}

const root = ReactDOM.createRoot(document.getElementById('graphiql'));
root.render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultTabs: config.tabs,
    defaultEditorToolsVisibility: true,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  }),
);
