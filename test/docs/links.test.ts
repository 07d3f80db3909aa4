import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docs = join(root, 'docs');
// pages listed in the index that are written elsewhere or generated (docs/api/ by `npm run docs`, not committed)
const PENDING = new Set(['docs/simulation.md', 'docs/api/index.html']);
const CHECKED = ['docs/README.md', 'docs/getting-started.md', 'docs/faq.md', 'docs/scaling.md', 'docs/program-format.md', 'CONTRIBUTING.md'];

/** GitHub's heading anchors: lower case, punctuation other than `-` and `_` dropped, spaces to `-`. */
function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    found.add(
      (m[1] ?? '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    );
  }
  for (const m of markdown.matchAll(/<a id="([^"]+)"/g)) found.add(m[1] ?? '');
  return found;
}

describe('docs links', () => {
  it('the index lists every page under docs/', () => {
    const index = readFileSync(join(docs, 'README.md'), 'utf8');
    const pages = readdirSync(docs).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(pages.filter((p) => !index.includes(`](${p})`))).toEqual([]);
  });

  it.each(CHECKED)('every relative link and anchor in %s resolves', (page) => {
    const text = readFileSync(join(root, page), 'utf8');
    const broken: string[] = [];
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const link = m[1] ?? '';
      if (/^[a-z]+:/.test(link)) continue;
      const [path = '', anchor] = link.split('#');
      const target = path === '' ? page : normalize(join(dirname(page), path));
      if (PENDING.has(target)) continue;
      if (!existsSync(join(root, target))) {
        broken.push(`${link} (no ${target})`);
        continue;
      }
      if (anchor !== undefined && target.endsWith('.md') && !anchors(readFileSync(join(root, target), 'utf8')).has(anchor)) {
        broken.push(`${link} (no heading #${anchor} in ${target})`);
      }
    }
    expect(broken).toEqual([]);
  });
});
