// Runs the gateway on its own, in front of subgraphs deployed separately: `node gateway/src/main.ts` with PORT,
// SERVICES_URL, STATISTICS_URL, NEWS_URL, ACCESS_URL (each defaults to the local hub's mount on SUBGRAPHS_PORT)
// and GATEWAY_SIGNING_KEY, whose public key the subgraphs hold.
import { ConfigError, loadConfig } from '@motcua/config';

try {
  const config = loadConfig();
  // Loaded once the configuration holds, so a misconfigured start says so at once.
  const [{ createGatewayApp }, { drainOnClose, exitOnSignals, listen }] = await Promise.all([
    import('./gateway-app.ts'),
    import('@motcua/lifecycle'),
  ]);
  const gateway = await createGatewayApp(config);
  const { server, origin } = await listen(gateway.app, {
    port: config.port,
    host: config.host,
    limits: config.http,
  });
  console.log(`gateway on ${origin}/graphql in front of ${JSON.stringify(config.subgraphUrls)}`);
  const drain = drainOnClose(server);
  exitOnSignals(async () => {
    await drain(AbortSignal.timeout(config.shutdownTimeoutMs));
    await gateway.stop();
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
