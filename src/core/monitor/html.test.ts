import { describe, expect, it } from 'vitest';
import { monitorReportHtml } from './html';
import { HOSTILE, sampleReport } from '../testing/monitorReport';

describe('monitorReportHtml', () => {
  const html = monitorReportHtml(sampleReport());

  it('escapes every text from the data: a column or category named as markup stays text', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</svg><img');
    expect(html).toContain(HOSTILE.replace(/</g, '&#60;').replace(/>/g, '&#62;'));
    // Exactly the page's own SVGs close: one per chart (2 columns + predictions + 3 timelines).
    expect(html.match(/<\/svg>/g)).toHaveLength(6);
  });

  it('is one page that loads nothing and runs nothing', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<[a-z][^>]*\s(src|href)=/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;/);
  });

  it('is accessible: a title, headings, table headers, figure captions and a text alternative for each chart', () => {
    expect(html).toContain('<title>Monitoring the model of label · Sapling</title>');
    for (const h of ['Summary', 'Columns', 'Performance', 'Over time', 'Distributions']) expect(html).toMatch(new RegExp(`<h2 id="h-[a-z]+">${h}</h2>`));
    expect(html.match(/<th scope="col">/g)!.length).toBeGreaterThan(10);
    expect(html.match(/<figure/g)).toHaveLength(6);
    expect(html.match(/<figcaption>/g)).toHaveLength(6);
    expect(html.match(/role="img" aria-labelledby="[^"]+-t [^"]+-d"/g)).toHaveLength(6);
    // The numeric chart's text alternative gives both means and the values outside the reference's range.
    expect(html).toContain('Reference mean 40, standard deviation 5; current mean 40, standard deviation 5; 0 current values below the reference&#39;s minimum and 10 above its maximum.');
  });

  it('shows the alerts, the drift flags and each chunk', () => {
    expect(html).toContain('<span class="status alert">Alert</span>');
    expect(html).toContain('<li>estimated accuracy 0.79 below 0.82</li>');
    expect(html).toMatch(/<th scope="row">age<\/th><td>numeric<\/td><td>ks<\/td><td class="num">0.31<\/td><td>p 4.00e-4 &lt; 0.05<\/td><td><span class="flag">▲ drifted<\/span>/);
    expect(html).toMatch(/<th scope="row" class="key">2026-04-01<\/th><td class="num">50<\/td><td class="num">0.5<\/td><td>age<\/td>/);
    expect(html).toContain('estimated accuracy 0.71 below 0.80');
    // The calm report says so instead.
    const calm = monitorReportHtml({ ...sampleReport(), alerts: [], chunks: [] });
    expect(calm).toContain('<span class="status ok">No alert</span>');
    expect(calm).not.toContain('Over time');
  });
});
