// `pnpm deploy:render`: the Kubernetes manifests of the hub, one Deployment, Service, HorizontalPodAutoscaler and
// PodDisruptionBudget per part, written to deploy/kubernetes/motcua.yaml from the table below (tests/deploy.test.ts
// checks the committed file is this output and validates it against the Kubernetes schemas).
import { writeFileSync } from 'node:fs';
import { GATEWAY_NODE_OPTIONS } from '@motcua/gateway/node-options';
import { stringify } from 'yaml';

type Part = {
  name: 'gateway' | 'services' | 'statistics' | 'news' | 'access';
  entry: string;
  /** Where its probes ask: the gateway's own routes, a subgraph's under `/<name>`. */
  health: string;
  /** Resident memory under load in BENCHMARKS.md (peak, MB), rounded up; the limit leaves room above it. */
  memoryMi: { request: number; limit: number };
  /** NODE_OPTIONS, where measured to matter. */
  nodeOptions?: string;
};

/**
 * Sized from BENCHMARKS.md (20 connections on 2 shared cores, 5 million facts): peak RSS gateway 328 MB, services
 * 485 MB, statistics 446 MB, news 531 MB (the partner feed, 100 articles a page), access 195 MB. Each part under that
 * load kept about one core busy, so it requests half of one and the autoscaler adds pods past 70 % of it.
 */
export const PARTS: Part[] = [
  {
    name: 'gateway',
    entry: 'gateway/src/main.ts',
    health: '/health',
    nodeOptions: GATEWAY_NODE_OPTIONS,
    memoryMi: { request: 384, limit: 640 },
  },
  {
    name: 'services',
    entry: 'subgraphs/services/src/main.ts',
    health: '/services/health',
    memoryMi: { request: 512, limit: 768 },
  },
  {
    name: 'statistics',
    entry: 'subgraphs/statistics/src/main.ts',
    health: '/statistics/health',
    memoryMi: { request: 512, limit: 768 },
  },
  {
    name: 'news',
    entry: 'subgraphs/news/src/main.ts',
    health: '/news/health',
    memoryMi: { request: 576, limit: 896 },
  },
  {
    name: 'access',
    entry: 'subgraphs/access/src/main.ts',
    health: '/access/health',
    memoryMi: { request: 256, limit: 448 },
  },
];

const PORT = 8080;
const IMAGE = 'motcua/hub:latest';
const labelsOf = (part: Part) => ({
  'app.kubernetes.io/name': 'motcua',
  'app.kubernetes.io/component': part.name,
});
const serviceUrl = (name: string) => `http://motcua-${name}:${PORT}/${name}/graphql`;

/** What every part is configured with: the subgraphs' Services, Redis, and the secrets by reference. */
const ENV = [
  { name: 'NODE_ENV', value: 'production' },
  { name: 'HOST', value: '0.0.0.0' },
  { name: 'PORT', value: String(PORT) },
  ...(['services', 'statistics', 'news', 'access'] as const).map((name) => ({
    name: `${name.toUpperCase()}_URL`,
    value: serviceUrl(name),
  })),
  { name: 'REDIS_URL', value: 'redis://motcua-redis:6379' },
  // Behind the cluster's ingress, which names the client in X-Forwarded-For.
  { name: 'TRUST_PROXY_HOPS', value: '1' },
];

/**
 * Secrets by reference to one Secret, `motcua-secrets`, each part given only what it uses: the gateway signs
 * identities and verifies staff JWTs; a subgraph holds only the public key it verifies the gateway's signature with.
 */
const secretsOf = (part: Part) =>
  [
    'DATABASE_URL',
    'DATABASE_REPLICA_URLS',
    'PEER_SECRET',
    ...(part.name === 'gateway' ? ['GATEWAY_SIGNING_KEY', 'JWT_SECRET'] : ['GATEWAY_PUBLIC_KEY']),
  ].map((name) => ({
    name,
    valueFrom: {
      secretKeyRef: { name: 'motcua-secrets', key: name, optional: name === 'DATABASE_REPLICA_URLS' },
    },
  }));

function manifestsOf(part: Part): object[] {
  const name = `motcua-${part.name}`;
  const labels = labelsOf(part);
  const probe = (path: string, periodSeconds: number) => ({
    httpGet: { path: `${part.health}/${path}`, port: 'http' },
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold: 3,
  });
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: { labels },
          spec: {
            // SHUTDOWN_TIMEOUT_MS (10 s) to drain, and a little more before the kill.
            terminationGracePeriodSeconds: 15,
            containers: [
              {
                name: part.name,
                image: IMAGE,
                command: ['node', part.entry],
                ports: [{ name: 'http', containerPort: PORT }],
                env: [
                  ...ENV,
                  ...(part.nodeOptions ? [{ name: 'NODE_OPTIONS', value: part.nodeOptions }] : []),
                  ...secretsOf(part),
                ],
                resources: {
                  requests: { cpu: '500m', memory: `${part.memoryMi.request}Mi` },
                  limits: { memory: `${part.memoryMi.limit}Mi` },
                },
                // A subgraph migrates its schema before it listens: the startup probe gives it time.
                startupProbe: { ...probe('live', 5), failureThreshold: 24 },
                livenessProbe: probe('live', 10),
                // The gateway's `/health/ready` is down while any one subgraph is: it would take every gateway out
                // of the Service at once, though each still answers the rest. Its readiness is its own liveness.
                readinessProbe: probe(part.name === 'gateway' ? 'live' : 'ready', 5),
                securityContext: {
                  runAsNonRoot: true,
                  runAsUser: 1000,
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels },
      spec: { selector: labels, ports: [{ name: 'http', port: PORT, targetPort: 'http' }] },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name, labels },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: 2,
        maxReplicas: part.name === 'gateway' ? 10 : 6,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
          },
        ],
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, labels },
      spec: { minAvailable: 1, selector: { matchLabels: labels } },
    },
  ];
}

export const manifests = (): object[] => PARTS.flatMap(manifestsOf);

export const MANIFEST_FILE = new URL('./kubernetes/motcua.yaml', import.meta.url);

export const rendered = () =>
  `# Rendered by \`pnpm deploy:render\` from deploy/render.ts: edit that, not this file.\n${manifests()
    .map((manifest) => stringify(manifest, { aliasDuplicateObjects: false }))
    .join('---\n')}`;

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(MANIFEST_FILE, rendered());
  console.log(`wrote ${MANIFEST_FILE.pathname}`);
}
