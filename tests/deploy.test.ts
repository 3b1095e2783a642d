import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { MANIFEST_FILE, PARTS, rendered } from '@motcua/deploy';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Service } from 'kubernetes-models/v1/Service';
import { parseAllDocuments } from 'yaml';

// The Kubernetes manifests of deploy/ (issue 17), checked without a cluster or the network: each document against
// the Kubernetes API's schemas (kubernetes-models, generated from the API's OpenAPI definitions), and the rules
// that make them a deployment of this hub: probes, sized requests, an autoscaler on CPU and a disruption budget.
const MODELS = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
} as const;

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  // biome-ignore lint/suspicious/noExplicitAny: the documents are checked against their schemas below
  spec: any;
};

const committed = readFileSync(MANIFEST_FILE, 'utf8');
const documents = parseAllDocuments(committed).map((document) => document.toJS() as Manifest);
const ofKind = (kind: string) => documents.filter((document) => document.kind === kind);

const validate = (manifest: Manifest) => {
  const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}` as keyof typeof MODELS];
  if (!Model) throw new Error(`${manifest.apiVersion} ${manifest.kind} is not a kind this test knows`);
  new Model(manifest as never).validate();
};

describe('the Kubernetes manifests in deploy/', () => {
  it('are what `pnpm deploy:render` writes', () => {
    expect(committed).toBe(rendered());
  });

  it('are valid against the Kubernetes schemas, each of them', () => {
    expect(documents).toHaveLength(PARTS.length * 4);
    for (const manifest of documents) expect(() => validate(manifest)).not.toThrow();
  });

  it('would be refused by the schemas if they were wrong (the check can fail)', () => {
    const deployment = ofKind('Deployment')[0] as Manifest;
    expect(() => validate({ ...deployment, spec: { ...deployment.spec, replicas: 'two' } })).toThrow(
      /replicas/,
    );
    const budget = ofKind('PodDisruptionBudget')[0] as Manifest;
    expect(() => validate({ ...budget, spec: { ...budget.spec, selector: 'everything' } })).toThrow();
  });

  it('run every part, probed on its health routes, with requests and a memory limit', () => {
    const names = ofKind('Deployment').map((deployment) => deployment.metadata.name);
    expect(names).toEqual(PARTS.map((part) => `motcua-${part.name}`));
    for (const deployment of ofKind('Deployment')) {
      const [container] = deployment.spec.template.spec.containers;
      const component = deployment.spec.template.metadata.labels['app.kubernetes.io/component'];
      const base = component === 'gateway' ? '/health' : `/${component}/health`;
      expect(container.livenessProbe.httpGet.path).toBe(`${base}/live`);
      expect(container.readinessProbe.httpGet.path).toBe(
        component === 'gateway' ? '/health/live' : `${base}/ready`,
      );
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources.limits.memory).toBeDefined();
      // Secrets by reference only: no value of one is written here.
      const secrets = container.env.filter((variable: { valueFrom?: unknown }) => variable.valueFrom);
      expect(secrets.map((variable: { name: string }) => variable.name)).toContain('DATABASE_URL');
      expect(
        container.env.some(
          (variable: { name: string; value?: string }) => /SECRET|KEY/.test(variable.name) && variable.value,
        ),
      ).toBe(false);
    }
  });

  it('scale every part on CPU, and keep one pod of each through a voluntary disruption', () => {
    for (const deployment of ofKind('Deployment')) {
      const { name } = deployment.metadata;
      const labels = deployment.spec.template.metadata.labels;
      const autoscalers = ofKind('HorizontalPodAutoscaler').filter(
        (hpa) => hpa.spec.scaleTargetRef.kind === 'Deployment' && hpa.spec.scaleTargetRef.name === name,
      );
      expect(autoscalers).toHaveLength(1);
      const [hpa] = autoscalers as [Manifest];
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec.metrics).toEqual([
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ]);
      const budgets = ofKind('PodDisruptionBudget').filter((pdb) =>
        Object.entries(pdb.spec.selector.matchLabels).every(([key, value]) => labels[key] === value),
      );
      expect(budgets).toHaveLength(1);
      expect((budgets[0] as Manifest).spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
      const service = ofKind('Service').find((one) => one.metadata.name === name);
      expect(service?.spec.selector).toEqual(labels);
    }
  });
});
