// Content types of the files the build and the example host pages hold, for the local static
// servers of the end-to-end tests (tests/e2e/harness.js) and the benchmark (scripts/bench/).
export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
