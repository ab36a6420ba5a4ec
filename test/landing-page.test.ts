import { describe, it, expect } from 'vitest';
import { explorerAsset, renderLandingPage } from '../src/graphql/landing-page.js';

describe('renderLandingPage', () => {
  const html = renderLandingPage({ endpoint: '/graphql', assetBase: '/graphql/_explorer' });

  it('is a zh-CN utf-8 page', () => {
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('Noto Sans CJK SC');
    expect(html).toContain('dutygraph — 责任图谱 GraphQL API');
  });

  it('references the offline assets under assetBase and the endpoint', () => {
    for (const name of ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'graphiql.min.css']) {
      expect(html).toContain(`/graphql/_explorer/${name}`);
    }
    expect(html).toContain('"endpoint":"/graphql"');
    expect(html).toContain('GraphiQL.createFetcher');
  });

  it('loads nothing from another host: no CDN script, so its Content-Security-Policy can be strict', () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain('EmbeddedSandbox');
    expect(html).toContain('href="/explorer"');
  });

  it('ships a useful default query', () => {
    expect(html).toContain('unit(name: \\"省应急厅\\")');
  });

  it('escapes hostile interpolations', () => {
    const evil = '"</script><script>alert(1)</script>';
    const page = renderLandingPage({ endpoint: evil, assetBase: evil });
    expect(page).not.toContain(evil);
    expect(page).not.toContain('<script>alert(1)');
    expect(page.match(/<\/script>/g)).toHaveLength(1);
  });
});

describe('explorerAsset', () => {
  it.each([
    ['react.production.min.js', 'text/javascript; charset=utf-8'],
    ['react-dom.production.min.js', 'text/javascript; charset=utf-8'],
    ['graphiql.min.js', 'text/javascript; charset=utf-8'],
    ['graphiql.min.css', 'text/css; charset=utf-8'],
  ])('serves %s', (name, contentType) => {
    const asset = explorerAsset(name);
    expect(asset?.contentType).toBe(contentType);
    expect(asset!.body.length).toBeGreaterThan(1000);
    expect(explorerAsset(name)).toBe(asset);
  });

  it('returns undefined for anything off the whitelist', () => {
    for (const name of ['../package.json', 'package.json', 'graphiql.min.js.map', '', 'constructor', '__proto__', '/etc/passwd']) {
      expect(explorerAsset(name)).toBeUndefined();
    }
  });
});
