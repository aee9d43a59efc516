// One node-ipc process for jipc's interop gate, driven by JSON-line commands on stdin.
// Usage: node peer.mjs <v14|v10> [lifetimeSeconds]
//   v14 loads node-ipc@14.0.0, v10 loads @achrinza/node-ipc@10.1.11; only their public API is used
//   (config, serve, serveNet, connectTo, connectToNet, on, emit, broadcast, disconnect,
//   server.stop), plus the socket objects they expose for half-closes and raw fault injection.
//
// Every endpoint is a fresh IPCModule under a name chosen by the test. Commands, one JSON object a
// line (answers and events are printed as JSON lines on stdout, each with the endpoint's name):
//   {cmd:'serve', name, transport:'unix'|'tcp'|'udp4'|'udp6', path|host+port, tls?, config?}
//   {cmd:'connect', name, transport:'unix'|'tcp', path|host+port, tls?, config?}
//     unix without path: serve on node-ipc's default path of id <name>, or connect to that of
//     id <service> (socketRoot + appspace + id, the root as node-ipc computes it)
//   {cmd:'emit', name, type, data?, sock?|to?}   data absent: emit(type) without data
//   {cmd:'emit', name, hex, sock?|to?}           raw profile: emit a Buffer
//   {cmd:'shapes', name, sock?|to?}              the seven payload shapes, pipelined
//   {cmd:'broadcast', name, type, data?}
//   {cmd:'write', name, hex, sock?|to?}          raw bytes on the socket, past the library
//   {cmd:'end', name, sock?}                     half-close the socket (no reconnect after)
//   {cmd:'disconnect', name} | {cmd:'stop', name} | {cmd:'noop'} | {cmd:'exit'}
//   Any command with ack:<n> is answered with {ev:'ack', ack:<n>} once it has run.
// Output: first {ev:'ready', lib, node, socketRoot} (the library's default root here), then
// {ev:'msg', name, type, data, from?} for every wire event; {ev:<lifecycle>, name, ...}
// for start, connect, disconnect, destroy, close, socket.disconnected, error, data; 'shape'
// events are checked here against SHAPES and carry ok:true|false; {ev:'sock.end'|'sock.close'}
// report the stream socket's own end and close; a TLS server's connect carries authorized (a
// verified client certificate). It exits 0 on 'exit' or when stdin ends, and 2
// after lifetimeSeconds (default 150).
import {createInterface} from 'node:readline';
import {isDeepStrictEqual} from 'node:util';
import path from 'node:path';
import {SHAPES} from './shapes.mjs';

const [lib, lifetime = '150'] = process.argv.slice(2);
if (lib !== 'v14' && lib !== 'v10') {
    throw new Error('usage: node peer.mjs <v14|v10> [lifetimeSeconds]');
}
const {IPCModule} = await import(lib === 'v14' ? 'node-ipc' : '@achrinza/node-ipc');

const LIFECYCLE = new Set(['start', 'connect', 'disconnect', 'destroy', 'close',
    'socket.disconnected', 'error', 'data']);
const out = (line) => process.stdout.write(JSON.stringify(line) + '\n');
const guard = setTimeout(() => { out({ev: 'timeout'}); process.exit(2); }, Number(lifetime) * 1000);
process.on('uncaughtException', (error) => {
    out({ev: 'uncaught', message: String(error?.stack ?? error)});
    process.exit(3);
});

const endpoints = new Map(); // name -> {ipc, server, id, sockets: [], udp}

function describe(value) {
    if (Buffer.isBuffer(value)) return {hex: value.toString('hex')};
    if (value instanceof Error) return {code: value.code ?? null, message: value.message};
    return value;
}

function watchSocket(endpoint, socket, index) {
    let bytes = 0;
    socket.on('data', (chunk) => {
        bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    });
    socket.on('end', () => out({ev: 'sock.end', name: endpoint.name, sock: index, bytes,
        pending: (socket.ipcBuffer || '').length}));
    socket.on('close', (hadError) => out({ev: 'sock.close', name: endpoint.name, sock: index,
        hadError}));
}

function record(endpoint, type, args) {
    const line = {name: endpoint.name};
    if (!LIFECYCLE.has(type)) {
        Object.assign(line, {ev: 'msg', type, data: args[0]});
        const from = sender(endpoint, args[1]);
        if (from !== undefined) line.from = from;
        const shape = /^shape\.(\d)$/.exec(type);
        if (shape) line.ok = isDeepStrictEqual(args[0], SHAPES[Number(shape[1])]);
        out(line);
        return;
    }
    line.ev = type;
    if (type === 'connect' && endpoint.server && !endpoint.udp && args[0]?.write) {
        endpoint.sockets.push(args[0]);
        line.sock = endpoint.sockets.length - 1;
        if (typeof args[0].authorized === 'boolean') line.authorized = args[0].authorized;
        watchSocket(endpoint, args[0], line.sock);
    } else if (type === 'connect' && !endpoint.server) {
        watchSocket(endpoint, endpoint.ipc.of[endpoint.id].socket, 0);
    } else if (type === 'data') {
        Object.assign(line, describe(args[0]));
        const from = sender(endpoint, args[1]);
        if (from !== undefined) line.from = from;
    } else if (type === 'error') {
        Object.assign(line, describe(args[0]));
    } else if (type === 'socket.disconnected' || type === 'close') {
        const index = endpoint.sockets.indexOf(args[0]);
        if (index >= 0) line.sock = index;
    }
    out(line);
}

function sender(endpoint, socket) {
    if (!endpoint.server || !socket) return undefined;
    if (endpoint.udp) return {address: socket.address, port: socket.port};
    return endpoint.sockets.indexOf(socket);
}

function configure(cmd) {
    const ipc = new IPCModule();
    ipc.config.id = cmd.name;
    ipc.config.silent = true;
    Object.assign(ipc.config, cmd.config ?? {});
    if (cmd.tls) ipc.config.tls = {...cmd.tls};
    return ipc;
}

function serve(cmd) {
    const ipc = configure(cmd);
    const endpoint = {name: cmd.name, ipc, server: true, sockets: [],
        udp: cmd.transport.startsWith('udp')};
    endpoints.set(cmd.name, endpoint);
    const started = () => {};
    if (cmd.transport === 'unix' && cmd.path === undefined) {
        ipc.serve(started);
    } else if (cmd.transport === 'unix') {
        ipc.config.socketRoot = path.dirname(cmd.path) + '/';
        ipc.serve(cmd.path, started);
    } else if (endpoint.udp) {
        ipc.serveNet(cmd.host, cmd.port, cmd.transport, started);
    } else {
        ipc.serveNet(cmd.host, cmd.port, started);
    }
    endpoint.server = ipc.server;
    ipc.server.on('*', (type, ...args) => record(endpoint, type, args));
    ipc.server.start();
}

function connect(cmd) {
    const ipc = configure(cmd);
    const id = cmd.service ?? 'peer';
    const endpoint = {name: cmd.name, ipc, server: false, id, sockets: []};
    endpoints.set(cmd.name, endpoint);
    const attach = () => ipc.of[id].on('*', (type, ...args) => record(endpoint, type, args));
    if (cmd.transport === 'unix' && cmd.path === undefined) {
        ipc.connectTo(id, attach);
    } else if (cmd.transport === 'unix') {
        ipc.connectTo(id, cmd.path, attach);
    } else {
        ipc.connectToNet('peer', cmd.host, cmd.port, attach);
    }
}

/** The socket (stream), or the {address, port} (UDP), a server-side command is aimed at. */
function target(endpoint, cmd) {
    if (endpoint.udp) return cmd.to;
    const socket = endpoint.sockets[cmd.sock ?? endpoint.sockets.length - 1];
    if (!socket) throw new Error(`${endpoint.name} has no socket ${cmd.sock}`);
    return socket;
}

function emit(endpoint, cmd, type, ...data) {
    if (endpoint.server) {
        endpoint.ipc.server.emit(target(endpoint, cmd), type, ...data);
    } else {
        endpoint.ipc.of[endpoint.id].emit(type, ...data);
    }
}

function write(endpoint, cmd) {
    const bytes = Buffer.from(cmd.hex, 'hex');
    if (endpoint.udp) {
        endpoint.ipc.server.server.send(bytes, cmd.to.port, cmd.to.address);
    } else if (endpoint.server) {
        target(endpoint, cmd).write(bytes);
    } else {
        endpoint.ipc.of[endpoint.id].socket.write(bytes);
    }
}

function end(endpoint, cmd) {
    if (endpoint.server) {
        target(endpoint, cmd).end();
    } else {
        endpoint.ipc.config.stopRetrying = true;
        endpoint.ipc.of[endpoint.id].socket.end();
    }
}

function run(cmd) {
    if (cmd.cmd === 'exit') {
        clearTimeout(guard);
        process.exit(0);
    }
    if (cmd.cmd === 'noop') return undefined;
    if (cmd.cmd === 'serve') return serve(cmd);
    if (cmd.cmd === 'connect') return connect(cmd);
    const endpoint = endpoints.get(cmd.name);
    if (!endpoint) throw new Error(`no endpoint ${cmd.name}`);
    switch (cmd.cmd) {
        case 'emit':
            if (cmd.hex !== undefined) return emit(endpoint, cmd, Buffer.from(cmd.hex, 'hex'));
            return 'data' in cmd ? emit(endpoint, cmd, cmd.type, cmd.data) : emit(endpoint, cmd, cmd.type);
        case 'shapes':
            return SHAPES.forEach((shape, i) => emit(endpoint, cmd, `shape.${i}`, shape));
        case 'broadcast':
            return 'data' in cmd
                ? endpoint.ipc.server.broadcast(cmd.type, cmd.data)
                : endpoint.ipc.server.broadcast(cmd.type);
        case 'write':
            return write(endpoint, cmd);
        case 'end':
            return end(endpoint, cmd);
        case 'disconnect':
            return endpoint.ipc.disconnect(endpoint.id);
        case 'stop':
            return endpoint.ipc.server.stop();
        default:
            throw new Error(`unknown command ${cmd.cmd}`);
    }
}

const input = createInterface({input: process.stdin});
input.on('line', (line) => {
    if (!line.trim()) return;
    const cmd = JSON.parse(line);
    run(cmd);
    if (cmd.ack) out({ev: 'ack', ack: cmd.ack});
});
input.on('close', () => process.exit(0));
out({ev: 'ready', lib, node: process.version, socketRoot: new IPCModule().config.socketRoot});
