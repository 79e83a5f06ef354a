import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRuntime } from '../../../scripts/build-runtime';
import { HOSTILE, gbdtModelFile, hostileModelFile } from '../testing/deployModels';
import { SaplingError } from '../util/errors';
import { pageFields } from './fields';
import { sampleRow } from './snippets';
import { pageProgramSource } from '../../page/pageApp';
import { escapeHtml } from './htmlDocument';
import { inlineRuntime, jsonForScript, predictionPageHtml } from './page';
import { PAGE_CSS } from './pageCss';
import { sha256Base64 } from './sha256';

/** A stand-in runtime module shaped like the built one: minified code, one export list at its end. */
const RUNTIME = 'var a=1;async function b(j){return{task:"binary",classes:[],outputColumns:[],predict:()=>[]}}class C extends Error{}export{C as SaplingError,b as loadModel};';

/** The text between `<script …>` and its `</script>`, for every script element (as an HTML parser ends them). */
function scripts(html: string): { attrs: string; body: string }[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script/gi)].map((m) => ({ attrs: m[1], body: m[2] }));
}

describe('predictionPageHtml', () => {
  let html: string;
  beforeAll(() => {
    html = predictionPageHtml(RUNTIME, pageProgramSource(), hostileModelFile());
  });

  it('has exactly the three scripts it writes, even with column and class names that close scripts', () => {
    expect(scripts(html).map((s) => s.attrs.trim())).toEqual(['type="application/json" id="sapling-model"', 'type="application/json" id="sapling-page"', 'type="module"']);
    expect(html).not.toContain(HOSTILE.column);
    expect(html).not.toContain(HOSTILE.category);
    expect(html).not.toContain(HOSTILE.label);
    expect(html.match(/<img/gi)).toBeNull();
    expect(html.match(/<!--/g)).toBeNull();
  });

  it('embeds the model file so JSON.parse gives back the same file', () => {
    const [model, page] = scripts(html);
    const file = hostileModelFile();
    const parsed = JSON.parse(model.body);
    expect(parsed.inputSchema).toEqual(file.inputSchema);
    expect(parsed.problem.classes).toEqual([HOSTILE.label, 'male']);
    expect(JSON.parse(page.body).fields[0].name).toBe(HOSTILE.column);
  });

  it('labels each field with its escaped column name', () => {
    expect(html).toContain(`<label for="field-0">${escapeHtml(HOSTILE.column)}</label>`);
    expect(html).toContain(`<option value="${escapeHtml(HOSTILE.category)}" selected>${escapeHtml(HOSTILE.category)}</option>`);
  });

  it('allows by CSP hash exactly its inline script and style, and nothing from the network', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1].replace(/&#39;/g, "'");
    const module = scripts(html)[2].body;
    expect(csp).toContain(`script-src 'sha256-${sha256Base64(module)}'`);
    expect(csp).toContain(`style-src 'sha256-${sha256Base64(PAGE_CSS)}'`);
    expect(csp).toMatch(/^default-src 'none';/);
    expect(html).toContain(`<style>${PAGE_CSS}</style>`);
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
  });

  it('has the batch controls under the studio’s accessible names', () => {
    expect(html).toContain('<label class="drop-label" for="batch">Data to predict</label>');
    expect(html).toContain('<input id="batch" type="file"');
    expect(html).toContain('aria-label="Predictions"');
    expect(html).toContain('>Download predictions</button>');
  });

  it('rejects a file that is not a model file, with the loader’s message', () => {
    expect(() => predictionPageHtml(RUNTIME, pageProgramSource(), '{"format":"nope"}')).toThrow(SaplingError);
    expect(() => predictionPageHtml(RUNTIME, pageProgramSource(), 'not json')).toThrow(/not a Sapling model file: it is not valid JSON/);
  });

  it('inlines the built runtime module so that, run as the page runs it, it predicts as the CLI did', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), 'sapling-page-'));
    const built = readFileSync(await buildRuntime(dir), 'utf8');
    const inlined = inlineRuntime(built);
    expect(inlined).not.toMatch(/\bexport\s*\{/);
    // The page's one module script: the inlined runtime, then the program that uses __saplingRuntime.
    const module = join(dir, 'inlined.mjs');
    writeFileSync(module, `${inlined}\nexport default __saplingRuntime;\n`);
    const runtime = (await import(pathToFileURL(module).href)).default;
    const model = await runtime.loadModel(readFileSync(join(root, 'src/core/artifact/fixtures/model-v2-gbdt-penguins-sex.json'), 'utf8'));
    const [header, ...lines] = readFileSync(join(root, 'src/core/artifact/fixtures/model-v2-predictions.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const rows = lines.slice(0, 20).map((cells) => Object.fromEntries(header.map((h, j) => [h, cells[j]])));
    const out = model.predict(rows);
    rows.forEach((row, i) => {
      expect(out[i].prediction).toBe(row.prediction);
      expect(out[i].proba_male).toBeCloseTo(Number(row.proba_male), 6);
    });
  }, 60_000);
});

describe('inlineRuntime', () => {
  it('turns the export list into __saplingRuntime, and refuses a module that imports anything', () => {
    const source = 'const a=1;function f(){return a}export{a as A,f as loadModel};';
    const runtime = new Function(`${inlineRuntime(source)}\nreturn __saplingRuntime;`)();
    expect(runtime.A).toBe(1);
    expect(runtime.loadModel()).toBe(1);
    for (const imports of ['import*as t from"@tensorflow/tfjs";', 'import{x as y}from"z";', 'import "side-effect";', 'import d from "d";']) {
      expect(() => inlineRuntime(`${imports}${source}`)).toThrow('the runtime module imports other modules, which a one-file page cannot include');
    }
  });

  it('escapes "</script" and "<!--" inside the runtime’s strings without changing them', () => {
    const source = 'const s="</script><!--<script>";function f(){return s}export{f as loadModel};';
    const inlined = inlineRuntime(source);
    expect(inlined).not.toMatch(/<\/script|<!--|<script/i);
    expect(new Function(`${inlined}\nreturn __saplingRuntime;`)().loadModel()).toBe('</script><!--<script>');
  });

  it('refuses a source that is not the runtime module', () => {
    expect(() => inlineRuntime('console.log(1)')).toThrow(/no export list/);
    expect(() => inlineRuntime('function f(){}export{f as other};')).toThrow(/does not export loadModel/);
  });
});

describe('jsonForScript', () => {
  it('cannot close a script or open a comment, and parses back unchanged', () => {
    const value = { a: '</script><!-- & \u2028\u2029 >' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('pageFields', () => {
  it('reads categories from one-hot encoding and mean/sd and fills from scaling and imputation', () => {
    const fields = pageFields(gbdtModelFile());
    expect(fields.map((f) => f.name)).toEqual(['species', 'island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'year']);
    expect(fields[1]).toMatchObject({ kind: 'categorical', choices: ['Biscoe', 'Dream', 'Torgersen'], otherChoices: false, initial: 'Biscoe' });
    expect(fields[2]).toMatchObject({ kind: 'numeric', rangeSource: 'scaling', initial: '43.8357' });
    expect(fields[2].mean).toBeCloseTo(43.8357, 4);
    expect(fields[2].std).toBeCloseTo(5.52875, 4);
    expect(fields[2].min).toBeUndefined();
  });

  it('takes min–max scaling’s offset and scale as the training range', () => {
    const file = gbdtModelFile() as unknown as { pipeline: { steps: { step: string; params: Record<string, unknown>; state: unknown }[] } };
    const scale = file.pipeline.steps.find((s) => s.step === 'scale')!;
    scale.params.method = 'minmax';
    scale.state = { columns: { bill_length_mm: { offset: 32.1, scale: 27.5 } } };
    const field = pageFields(file as never).find((f) => f.name === 'bill_length_mm')!;
    expect(field.min).toBe(32.1);
    expect(field.max).toBeCloseTo(59.6, 10);
  });

  it('prefers the studio’s profile and sample row where given', () => {
    const fields = pageFields(gbdtModelFile(), { bill_length_mm: { min: 32.1, max: 59.6, sample: '39.1' }, island: { sample: 'Torgersen' } });
    expect(fields[2]).toMatchObject({ min: 32.1, max: 59.6, rangeSource: 'data', initial: '39.1' });
    expect(fields[1].initial).toBe('Torgersen');
  });

  it('starts a yes/no field on the choice its sample spells (no, 0, TRUE), as the form offers only true, false and empty', () => {
    const file = gbdtModelFile() as unknown as { inputSchema: { name: string; kind: string }[] };
    file.inputSchema.find((c) => c.name === 'year')!.kind = 'boolean';
    const initial = (sample: string) => pageFields(file as never, { year: { sample } }).find((f) => f.name === 'year')!.initial;
    expect([initial('no'), initial('0'), initial('TRUE'), initial('yes'), initial('maybe')]).toEqual(['false', 'false', 'true', 'true', '']);
  });
});

describe('sampleRow', () => {
  it('keeps a column named __proto__ as a key like any other, so the snippets send it', () => {
    const row = sampleRow([{ name: '__proto__', kind: 'categorical' }, { name: 'constructor', kind: 'numeric' }], (name) => (name === '__proto__' ? 'Adelie' : '3'));
    expect(Object.keys(row)).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(row))).toEqual(JSON.parse('{"__proto__": "Adelie", "constructor": 3}'));
  });
});

describe('sha256Base64', () => {
  it('matches the FIPS 180-4 test vectors and a multi-block UTF-8 text', async () => {
    const { createHash } = await import('node:crypto');
    expect(sha256Base64('abc')).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
    expect(sha256Base64('')).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    const long = 'é☃𝄞 '.repeat(500) + 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
    expect(sha256Base64(long)).toBe(createHash('sha256').update(long, 'utf8').digest('base64'));
  });
});
