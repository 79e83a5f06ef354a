import { spawnSync } from 'node:child_process';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { HOSTILE, gbdtModelFile } from '../testing/deployModels';
import { bundleDockerfile, bundleKubernetes, bundleReadme, kubernetesName, serverBundleZip } from './bundle';
import { deploySnippets, pythonLiteral, sampleRow, shellQuote } from './snippets';

const inputs = gbdtModelFile().inputSchema;
const sample = sampleRow(inputs, (name) => ({ species: 'Adelie', island: 'Torgersen', bill_length_mm: '39.1', bill_depth_mm: '18.7', flipper_length_mm: '181', body_mass_g: '3750', year: '2007' })[name]);
const model = { name: 'sapling-sex-gbdt', inputs, sample };

describe('deploySnippets', () => {
  it('writes the model’s real column names and the sample row, typed as JSON sends them', () => {
    expect(sample).toEqual({ species: 'Adelie', island: 'Torgersen', bill_length_mm: 39.1, bill_depth_mm: 18.7, flipper_length_mm: 181, body_mass_g: 3750, year: 2007 });
    const snippets = deploySnippets(model);
    expect(snippets.map((s) => s.id)).toEqual(['browser', 'node', 'curl-v1', 'curl-v2', 'python']);
    for (const s of snippets) for (const c of inputs) expect(s.code, `${s.id} names ${c.name}`).toContain(c.name);
    const byId = Object.fromEntries(snippets.map((s) => [s.id, s.code]));
    expect(byId.node).toContain("loadModel(await readFile('sapling-sex-gbdt.json', 'utf8'))");
    expect(byId['curl-v1']).toContain("'http://127.0.0.1:8080/v1/models/sapling-sex-gbdt:predict'");
    expect(byId['curl-v1']).toContain(`-d '{"instances":[{"species":"Adelie","island":"Torgersen","bill_length_mm":39.1,`);
    expect(byId['curl-v2']).toContain("'http://127.0.0.1:8080/v2/models/sapling-sex-gbdt/infer'");
    expect(byId['curl-v2']).toContain('{"name":"bill_length_mm","shape":[1],"datatype":"FP64","data":[39.1]}');
    expect(byId['curl-v2']).toContain('{"name":"island","shape":[1],"datatype":"BYTES","data":["Torgersen"]}');
    expect(byId.python).toContain('"bill_length_mm": 39.1,');
  });

  it('quotes hostile names so the shell and Python read them back as they are', () => {
    const hostile = { name: 'm', inputs: [{ name: HOSTILE.column, kind: 'categorical' as const }, { name: "it's", kind: 'boolean' as const }], sample: { [HOSTILE.column]: HOSTILE.category, "it's": true } };
    const v1 = deploySnippets(hostile).find((s) => s.id === 'curl-v1')!.code;
    const body = v1.slice(v1.indexOf(' -d ') + 4);
    const echoed = spawnSync('sh', ['-c', `printf %s ${body}`], { encoding: 'utf8' }).stdout;
    expect(JSON.parse(echoed)).toEqual({ instances: [hostile.sample] });
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
    expect(pythonLiteral({ a: null, b: false, c: [1, 'x"y'] })).toBe('{\n    "a": None,\n    "b": False,\n    "c": [1, "x\\"y"],\n}');
  });
});

describe('server bundle', () => {
  it('zips the model under models/, the server, the Dockerfile, the manifest and the README', () => {
    const zip = unzipSync(serverBundleZip({ ...model, modelJson: '{"m":1}', server: '// server' }));
    expect(Object.keys(zip)).toEqual(['models/sapling-sex-gbdt.json', 'sapling-serve.mjs', 'Dockerfile', 'kubernetes.yaml', 'README.md']);
    expect(strFromU8(zip['models/sapling-sex-gbdt.json'])).toBe('{"m":1}');
    expect(strFromU8(zip['sapling-serve.mjs'])).toBe('// server');
    expect(strFromU8(zip['README.md'])).not.toContain('missing');
  });

  it('without the server, still has the rest and says in the README how to get it', () => {
    const zip = unzipSync(serverBundleZip({ ...model, modelJson: '{}', server: null }));
    expect(Object.keys(zip)).toEqual(['models/sapling-sex-gbdt.json', 'Dockerfile', 'kubernetes.yaml', 'README.md']);
    expect(strFromU8(zip['README.md'])).toMatch(/sapling-serve\.mjs is missing.*\n.*npm run build.*dist\/server\/sapling-serve\.mjs/);
  });

  it('runs the server as the project’s image does: distroless Node, numeric non-root user, models in /models, port 8080', () => {
    const docker = bundleDockerfile();
    expect(docker).toMatch(/^FROM gcr\.io\/distroless\/nodejs20-debian12:nonroot$/m);
    expect(docker).toContain('COPY sapling-serve.mjs /app/sapling-serve.mjs\nCOPY models /models\n');
    expect(docker).toMatch(/^USER 65532:65532$/m);
    expect(docker.trim().split('\n').slice(-2)).toEqual(['ENTRYPOINT ["/nodejs/bin/node", "/app/sapling-serve.mjs"]', 'CMD ["/models", "--host", "0.0.0.0", "--port", "8080"]']);
    expect(bundleKubernetes('m')).toMatch(/runAsUser: 65532\n\s+runAsGroup: 65532/);
  });

  it('probes the V2 health routes, limits resources and keeps the root file system read-only', () => {
    const yaml = bundleKubernetes('Sapling Sex/GBDT');
    expect(kubernetesName('Sapling Sex/GBDT')).toBe('sapling-sex-gbdt');
    expect(kubernetesName('2024_model')).toBe('sapling-2024-model');
    expect(yaml).toContain('name: sapling-sex-gbdt\n');
    expect(yaml).toMatch(/livenessProbe:\n\s+httpGet:\n\s+path: \/v2\/health\/live/);
    expect(yaml).toMatch(/readinessProbe:\n\s+httpGet:\n\s+path: \/v2\/health\/ready/);
    expect(yaml).toMatch(/limits:\n\s+cpu: "1"\n\s+memory: 512Mi/);
    expect(yaml).toContain('readOnlyRootFilesystem: true');
    expect(yaml).toContain('runAsNonRoot: true');
    expect(yaml).toMatch(/---\napiVersion: v1\nkind: Service/);
    expect(kubernetesName('x'.repeat(100))).toHaveLength(63);
  });

  it('README shows the curl requests with the real column names', () => {
    const readme = bundleReadme(model, true);
    expect(readme).toContain('docker build -t sapling-sex-gbdt .');
    expect(readme).toContain('/v1/models/sapling-sex-gbdt:predict');
    expect(readme).toContain('"flipper_length_mm":181');
  });
});
