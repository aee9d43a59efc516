// node-ipc's README "world" server, driven through node-ipc 14's public API, for jipc's smoke test.
// Usage: node hello-world-server.mjs unix <socketRoot> | tcp <port>
// Prints one JSON line per event; exits 0 after its first client left, 2 after 20 s.
import {IPCModule} from 'node-ipc';

const [transport, where] = process.argv.slice(2);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');
setTimeout(() => { print({event: 'timeout'}); process.exit(2); }, 20000);

const ipc = new IPCModule();
ipc.config.id = 'world';
ipc.config.retry = 1500;
ipc.config.silent = true;

const onStart = () => {
    print({event: 'start'});
    ipc.server.on('message', (data, socket) => {
        print({event: 'message', data});
        ipc.server.emit(socket, 'message', data + ' world!');
    });
    ipc.server.on('socket.disconnected', () => {
        print({event: 'socket.disconnected'});
        ipc.server.stop();
        process.exit(0);
    });
};

if (transport === 'unix') {
    ipc.config.socketRoot = where.endsWith('/') ? where : where + '/';
    ipc.serve(onStart);
} else {
    ipc.serveNet('127.0.0.1', Number(where), onStart);
}
ipc.server.start();
