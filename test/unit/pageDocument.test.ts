/** The compute panel's HTML and CSP (src/webview/shared/pageDocument.ts). */
import * as assert from 'assert';
import { contentSecurityPolicy, newNonce, pageDocument } from '../../src/webview/shared/pageDocument';

const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
const root = `${cspSource}/home/user/.vscode/extensions/azureml-k8s/dist/webview`;

function parseCsp(csp: string): Map<string, string[]> {
    return new Map(
        csp
            .split(';')
            .map((d) => d.trim().split(/\s+/))
            .filter((parts) => parts[0])
            .map(([name, ...values]) => [name, values]),
    );
}

describe('compute panel document and CSP', () => {
    const nonce = newNonce();
    const html = pageDocument({ cspSource, bundleUri: (file) => `${root}/${file}`, nonce });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    const directives = parseCsp(csp.replace(/&amp;/g, '&'));

    it('has a CSP meta tag that denies everything by default', () => {
        assert.ok(csp, html);
        assert.deepStrictEqual(directives.get('default-src'), ["'none'"]);
    });

    it('has no unsafe-inline, unsafe-eval, unsafe-hashes, wasm-unsafe-eval, wildcards or data:/blob: sources', () => {
        assert.doesNotMatch(csp, /unsafe-|wasm-|\*|data:|blob:|filesystem:/);
    });

    it('allows scripts by nonce only, and styles, fonts and images only from the webview resource origin', () => {
        assert.deepStrictEqual(directives.get('script-src'), [`'nonce-${nonce}'`]);
        for (const name of ['style-src', 'font-src', 'img-src']) {
            assert.deepStrictEqual(directives.get(name), [cspSource], name);
        }
        assert.deepStrictEqual(
            [...directives.keys()].sort(),
            ['default-src', 'font-src', 'img-src', 'script-src', 'style-src'],
            'no connect-src, frame-src, form-action or other allowance',
        );
    });

    it('has exactly one script, with the nonce, loaded from the bundle folder; no inline script or handler', () => {
        const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
        assert.strictEqual(scripts.length, 1);
        const [, attrs, body] = scripts[0];
        assert.match(attrs, new RegExp(`nonce="${nonce}"`));
        assert.match(attrs, new RegExp(`src="${root.replace(/[.+]/g, '\\$&')}/computePanel\\.js"`));
        assert.strictEqual(body.trim(), '', 'no inline code');
        assert.doesNotMatch(html, /\son[a-z]+=/i, 'no event handler attributes');
        assert.doesNotMatch(html, /javascript:/i);
    });

    it('loads nothing remote: every URL is in the bundle folder', () => {
        const urls = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
        // The codicons, the two stylesheets and the script.
        assert.deepStrictEqual(
            urls.map((u) => u.split('/').pop()),
            ['codicon.css', 'computePanel.css', 'sections.css', 'computePanel.js'],
        );
        for (const url of urls) {
            assert.ok(url.startsWith(`${root}/`), url);
        }
        assert.doesNotMatch(html.replaceAll(cspSource, ''), /https?:\/\//);
    });

    it('uses a fresh nonce of at least 128 bits each time, and escapes what it puts in attributes', () => {
        const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
        assert.strictEqual(nonces.size, 50);
        for (const n of nonces) {
            assert.match(n, /^[A-Za-z0-9]{20,}$/);
        }
        const odd = pageDocument({ cspSource: 'x', bundleUri: (f) => `"><script>alert(1)</script>${f}`, nonce: 'n' });
        assert.strictEqual([...odd.matchAll(/<script\b/g)].length, 1);
        assert.strictEqual(contentSecurityPolicy('src', 'abc').includes("'nonce-abc'"), true);
    });
});
