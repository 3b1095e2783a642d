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

const OPERATION_NAMES = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/g;

/**
 * GraphiQL 4 may still hold the previous tab's operation name when a tab is opened and run at once, which the
 * gateway rightly refuses ("No operation is named …"): a name the document does not hold becomes its only one.
 */
function withOperationOfDocument(params) {
  const names = [...(params.query ?? '').matchAll(OPERATION_NAMES)].map((match) => match[1]);
  if (!params.operationName || names.includes(params.operationName)) return params;
  return { ...params, operationName: names.length === 1 ? names[0] : undefined };
}

async function fetcher(params, options) {
  const response = await fetch(config.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...headersFor(options?.headers ?? {}),
    },
    body: JSON.stringify(withOperationOfDocument(params)),
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
