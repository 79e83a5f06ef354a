import type { Plugin } from 'vite';
import { contentSecurityPolicy, staticHostFiles } from './security-headers.ts';

/**
 * Carries the headers of scripts/security-headers.ts into the build: a `<meta>` policy at the top
 * of index.html (for hosts that cannot send headers; it cannot carry frame-ancestors) and the
 * ready files for static hosts beside it. Build only: the dev server's React Refresh preamble is
 * an inline script, which the policy forbids.
 */
export function securityHeaders(): Plugin {
  return {
    name: 'sapling:security-headers',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(true) }, injectTo: 'head-prepend' }],
    },
    generateBundle() {
      for (const [fileName, source] of Object.entries(staticHostFiles())) this.emitFile({ type: 'asset', fileName, source });
    },
  };
}
