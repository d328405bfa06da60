// Imports ThreadLab's Chrome trace exports with speedscope's own importer (npm speedscope: its
// bundle, with the trace-event import function exposed) and counts the warnings speedscope logs
// for slices that do not nest ("Tried to end ... when ... was on the top of the stack").
// Exit status 1 if any file gives a warning. See README, "Exports in other tools".
//
//   npm install --prefix /tmp/readers speedscope
//   NODE_PATH=/tmp/readers/node_modules node tests/readers/check-speedscope.cjs FILE.json...
const fs = require('fs');
const os = require('os');
const path = require('path');

const modules = process.env.NODE_PATH || '/tmp/readers/node_modules';
const release = path.join(modules, 'speedscope/dist/release');
const bundle = fs.readdirSync(release).find(f => /^speedscope-.*\.js$/.test(f));
let source = fs.readFileSync(path.join(release, bundle), 'utf8');
// The importer of a parsed JSON profile: "function NAME(t){return ...(t)?...(t):...traceEvents".
const importer = /function ([A-Za-z0-9_$]+)\(t\)\{return [A-Za-z0-9_$]+\(t\)\?[A-Za-z0-9_$]+\(t\):[A-Za-z0-9_$]+\(t\)\?[A-Za-z0-9_$]+\(t\.traceEvents/.exec(source);
if (!importer) {
    console.error(`cannot find the trace-event importer in ${bundle}`);
    process.exit(2);
}
source = source.replace(importer[0], `globalThis.__speedscopeImport=(...a)=>${importer[1]}(...a);` + importer[0]);
const patched = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'speedscope-')), 'bundle.js');
fs.writeFileSync(patched, source);

// Just enough of a browser for the bundle to define its functions (it stops when it draws).
globalThis.window = globalThis;
globalThis.self = globalThis;
const element = () => ({ getContext() { return null; }, style: {}, appendChild() {}, addEventListener() {} });
globalThis.document = { addEventListener() {}, createElement: element, body: element(), querySelector() { return null; }, getElementById() { return null; } };
globalThis.navigator = { userAgent: 'node', platform: 'linux' };
globalThis.location = { hash: '', search: '', href: 'http://localhost/' };
globalThis.addEventListener = () => {};
globalThis.matchMedia = () => ({ matches: false, addEventListener() {}, addListener() {} });
globalThis.requestAnimationFrame = () => 0;
globalThis.localStorage = { getItem() { return null; }, setItem() {} };
const log = console.log;
console.log = () => {};
try { require(patched); } catch (e) { /* the app's start-up, after the importer is defined */ }
console.log = log;
if (typeof globalThis.__speedscopeImport !== 'function') {
    console.error('the importer was not reached');
    process.exit(2);
}

(async () => {
    let failed = false;
    for (const file of process.argv.slice(2)) {
        const warnings = [];
        const { warn, error } = console;
        console.warn = console.error = (...a) => warnings.push(a.join(' '));
        const group = await globalThis.__speedscopeImport(JSON.parse(fs.readFileSync(file, 'utf8')));
        Object.assign(console, { warn, error });
        const profiles = group ? group.profiles.length : 0;
        const ok = warnings.length === 0 && profiles > 0;
        failed ||= !ok;
        log(`${ok ? 'ok  ' : 'BAD '} ${path.basename(file)}: ${profiles} threads, ${warnings.length} warnings` +
            (warnings.length ? ` (first: ${warnings[0].slice(0, 200)})` : ''));
    }
    process.exit(failed ? 1 : 0);
})();
