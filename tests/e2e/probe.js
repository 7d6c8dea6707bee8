// Put by the test server (harness.js, `probe: true`) at the top of every page it serves, before
// any other script, so that every engine reports the same way what went wrong in a page: console
// errors, uncaught errors and rejections, resources that failed to load, and violations of the
// Content-Security-Policy, into `window.__problems`. It also marks the start of the wasm
// (<html data-test-started>), as harness.js's MARK_START does.
(() => {
  const problems = (window.__problems = []);
  const error = console.error;
  console.error = (...args) => {
    problems.push(`console error: ${args.join(' ')}`);
    error.apply(console, args);
  };
  addEventListener(
    'error',
    (e) => problems.push(e.target === window ? `page error: ${e.message}` : `failed to load: ${e.target.src ?? e.target.href}`),
    true,
  );
  addEventListener('unhandledrejection', (e) => problems.push(`unhandled rejection: ${e.reason}`));
  document.addEventListener('securitypolicyviolation', (e) =>
    problems.push(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
  );
  addEventListener('TrunkApplicationStarted', () => {
    document.documentElement.dataset.testStarted = 'yes';
  });
})();
