import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

test('the vendored Preact + htm is exactly the pinned package (bin/vendor copies it)', () => {
  const served = readFileSync(here('../../main/resources/public/vendor/htm-preact.js'));
  const pinned = readFileSync(here('../../../node_modules/htm/preact/standalone.module.js'));
  assert.ok(served.equals(pinned));
});

test('the vendored module renders markup as text, never as HTML', async () => {
  const { html } = await import('../../main/resources/public/vendor/htm-preact.js');
  const vnode = html`<p>${'<img src=x onerror=alert(1)>'}</p>`;
  assert.equal(vnode.type, 'p');
  assert.equal(vnode.props.children, '<img src=x onerror=alert(1)>');
});
