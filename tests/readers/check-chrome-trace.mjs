// Reads ThreadLab's Chrome trace exports with Chrome DevTools' own trace engine (the Performance
// panel's parser, npm @paulirish/trace_engine) and says what it kept: slices placed in each
// thread's tree, slices dropped, flow arrows bound. Exit status 1 if any slice was dropped or any
// flow did not bind. See README, "Checking exports in other readers".
//
//   npm install --prefix /tmp/readers @paulirish/trace_engine
//   NODE_PATH=/tmp/readers/node_modules node tests/readers/check-chrome-trace.mjs FILE.json...
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const modules = process.env.NODE_PATH || '/tmp/readers/node_modules';
const engine = await import(path.join(modules, '@paulirish/trace_engine/models/trace/trace.js'));
globalThis.DOMRect ??= class { constructor(x = 0, y = 0, w = 0, h = 0) { Object.assign(this, { x, y, width: w, height: h }); } };

let failed = false;
for (const file of process.argv.slice(2)) {
    const events = JSON.parse(fs.readFileSync(file, 'utf8')).traceEvents;
    const slices = events.filter(e => e.ph === 'X').length;
    const flows = events.filter(e => e.ph === 's').length;
    const model = engine.TraceModel.Model.createWithAllHandlers();
    await model.parse(events);
    const parsed = model.parsedTrace();
    let placed = 0;
    for (const [node] of parsed.data.Renderer.entryToNode)
        placed += node.ph === 'X' ? 1 : 0;
    const bound = parsed.data.Flows.flows.length;
    const ok = placed === slices && bound === flows;
    failed ||= !ok;
    console.log(`${ok ? 'ok  ' : 'BAD '} ${path.basename(file)}: ${placed} of ${slices} slices placed, ${bound} of ${flows} flows bound`);
}
process.exit(failed ? 1 : 0);
