import { strToU8, zipSync } from 'fflate';
import { deploySnippets, type SnippetModel } from './snippets';

/** The port the bundle's container listens on (the Dockerfile, the manifest and the README agree). */
export const BUNDLE_PORT = 8080;

/** What the server bundle is made of. */
export interface ServerBundleInput extends SnippetModel {
  /** The model file's JSON text. */
  readonly modelJson: string;
  /** The standalone server (`dist/server/sapling-serve.mjs`), or null when the studio could not get it. */
  readonly server: string | null;
}

/** A DNS-1123 label for Kubernetes names (lowercase letters, digits and `-`, at most 63). */
export function kubernetesName(name: string): string {
  let slug = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  // A label starts with a letter; the studio's names already start with "sapling-".
  if (!/^[a-z]/.test(slug)) slug = `sapling-${slug}`;
  return slug.slice(0, 63).replace(/-+$/, '');
}

/**
 * The container image, as the project's own Dockerfile runs the server: Node and the one-file
 * server on distroless (no shell, no npm), as its numeric non-root user, serving every model in /models.
 */
export function bundleDockerfile(): string {
  return `# The model server: sapling-serve.mjs (one file, nothing to install) serving every model in /models.
FROM gcr.io/distroless/nodejs20-debian12:nonroot
WORKDIR /app
COPY sapling-serve.mjs /app/sapling-serve.mjs
COPY models /models
# Numeric, so Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
USER 65532:65532
EXPOSE ${BUNDLE_PORT}
# A token for every route but the health probes: docker run -e SAPLING_TOKEN=… (kept out of the process list).
ENTRYPOINT ["/nodejs/bin/node", "/app/sapling-serve.mjs"]
CMD ["/models", "--host", "0.0.0.0", "--port", "${BUNDLE_PORT}"]
`;
}

/** A Deployment (V2 health probes, requests and limits, read-only root file system) and its Service. */
export function bundleKubernetes(name: string): string {
  const app = kubernetesName(name);
  return `# kubectl apply -f kubernetes.yaml   (after pushing the image built from the Dockerfile)
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  labels:
    app: ${app}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      automountServiceAccountToken: false
      # sapling serve finishes the requests in flight on SIGTERM.
      terminationGracePeriodSeconds: 30
      securityContext:
        runAsNonRoot: true
        runAsUser: 65532
        runAsGroup: 65532
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: sapling-serve
          image: ${app}:latest
          ports:
            - name: http
              containerPort: ${BUNDLE_PORT}
          livenessProbe:
            httpGet:
              path: /v2/health/live
              port: http
            periodSeconds: 10
          readinessProbe:
            httpGet:
              path: /v2/health/ready
              port: http
            periodSeconds: 5
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: "1"
              memory: 512Mi
          securityContext:
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
            capabilities:
              drop: ["ALL"]
---
apiVersion: v1
kind: Service
metadata:
  name: ${app}
spec:
  selector:
    app: ${app}
  ports:
    - name: http
      port: 80
      targetPort: http
`;
}

/** The bundle's README: what is in it, and how to run it with Node, Docker and Kubernetes. */
export function bundleReadme(input: Pick<ServerBundleInput, 'name' | 'inputs' | 'sample'>, serverIncluded: boolean): string {
  const app = kubernetesName(input.name);
  const [, , v1, v2] = deploySnippets(input);
  const curl = (code: string) => code.slice(code.indexOf('curl '));
  return `# ${input.name}: a Sapling model server

- \`models/${input.name}.json\`: the model file (served as the model \`${input.name}\`)
- \`sapling-serve.mjs\`: the standalone \`sapling serve\` (Node 20 or newer, nothing to install)
- \`Dockerfile\`, \`kubernetes.yaml\`: the container and its Deployment and Service
${serverIncluded ? '' : `
**sapling-serve.mjs is missing**: the studio could not fetch it when this bundle was made. Build it in a
Sapling checkout with \`npm run build\` (it writes \`dist/server/sapling-serve.mjs\`) and copy it next to
this README.
`}
## Run it with Node

    node sapling-serve.mjs models --port ${BUNDLE_PORT}

## Run it in a container

    docker build -t ${app} .
    docker run --rm -p ${BUNDLE_PORT}:${BUNDLE_PORT} --read-only ${app}

To require \`Authorization: Bearer <token>\` on every route but the health probes, add
\`-e SAPLING_TOKEN=<secret>\` (an environment variable keeps it out of the process list).

## Run it on Kubernetes

Push the image to your registry, set \`image:\` in \`kubernetes.yaml\` to it, then:

    kubectl apply -f kubernetes.yaml

Liveness and readiness probes use \`/v2/health/live\` and \`/v2/health/ready\`.

## Ask it for a prediction

TF Serving route (V1):

    ${curl(v1.code).replace(/\n/g, '\n    ')}

Open Inference Protocol (V2):

    ${curl(v2.code).replace(/\n/g, '\n    ')}
`;
}

/** The paths of the bundle's files, in the zip's order. */
export function serverBundlePaths(name: string, serverIncluded: boolean): string[] {
  return [`models/${name}.json`, ...(serverIncluded ? ['sapling-serve.mjs'] : []), 'Dockerfile', 'kubernetes.yaml', 'README.md'];
}

/** The server bundle as one zip: the model, the server (when there is one), the Dockerfile, the manifest and the README. */
export function serverBundleZip(input: ServerBundleInput): Uint8Array {
  const texts: Record<string, string> = {
    [`models/${input.name}.json`]: input.modelJson,
    ...(input.server !== null ? { 'sapling-serve.mjs': input.server } : {}),
    Dockerfile: bundleDockerfile(),
    'kubernetes.yaml': bundleKubernetes(input.name),
    'README.md': bundleReadme(input, input.server !== null),
  };
  // A fixed date keeps the zip the same for the same inputs (fflate stamps "now" otherwise).
  const mtime = new Date(Date.UTC(2024, 0, 1));
  return zipSync(Object.fromEntries(serverBundlePaths(input.name, input.server !== null).map((path) => [path, [strToU8(texts[path]), { mtime }]])));
}
