// A node-ipc TLS server, driven through node-ipc 14's public API, for jipc's TLS interop test.
// Usage: node tls-server.mjs <port> <keyFile> <certFile> [<caFile>]
// Listens on 127.0.0.1:<port>; with caFile it requires client certificates signed by it (mutual
// TLS). Answers each 'message' {text} with {from: 'node', text: text + ' world! 🌍'}. Prints one
// JSON line per event, 'ready' once listening; exits 0 after its first client left, 2 after 20 s.
import {IPCModule} from 'node-ipc';

const [port, keyFile, certFile, caFile] = process.argv.slice(2);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');
const guard = setTimeout(() => { print({event: 'timeout'}); process.exit(2); }, 20000);

const ipc = new IPCModule();
ipc.config.id = 'world';
ipc.config.silent = true;
ipc.config.tls = {private: keyFile, public: certFile};
if (caFile) {
    Object.assign(ipc.config.tls, {trustedConnections: caFile, requestCert: true, rejectUnauthorized: true});
}

ipc.serveNet('127.0.0.1', Number(port), () => {
    print({event: 'ready'});
    ipc.server.on('connect', (socket) => {
        const peer = socket.getPeerCertificate?.();
        print({event: 'connect', authorized: socket.authorized, peer: peer?.subject?.CN ?? null});
    });
    ipc.server.on('message', (data, socket) => {
        print({event: 'message', data});
        ipc.server.emit(socket, 'message', {from: 'node', text: data.text + ' world! 🌍'});
    });
    ipc.server.on('error', (error) => print({event: 'error', code: error.code ?? null, message: error.message}));
    ipc.server.on('socket.disconnected', () => {
        print({event: 'socket.disconnected'});
        ipc.server.stop();
        clearTimeout(guard);
    });
});
ipc.server.start();
