// A node-ipc TLS client, driven through node-ipc 14's public API, for jipc's TLS interop test.
// Usage: node tls-client.mjs <port> <caFile> <textJson> [<certFile> <keyFile>]
// Connects to 127.0.0.1:<port> verifying the server against caFile (presenting the certificate when
// given), sends one 'message' {from: 'node', text: JSON.parse(textJson)}, and prints one JSON line
// per event ('destroy' counts the replies). It does not retry: it exits 0 after the reply or after
// the connection closed, 2 after 20 s.
import {IPCModule} from 'node-ipc';

const [port, caFile, textJson, certFile, keyFile] = process.argv.slice(2);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');
const guard = setTimeout(() => { print({event: 'timeout'}); process.exit(2); }, 20000);

const ipc = new IPCModule();
ipc.config.id = 'hello';
ipc.config.silent = true;
ipc.config.maxRetries = 0;
ipc.config.tls = {trustedConnections: caFile, rejectUnauthorized: true};
if (certFile) {
    ipc.config.tls.public = certFile;
    ipc.config.tls.private = keyFile;
}

let replies = 0;
ipc.connectToNet('world', '127.0.0.1', Number(port), () => {
    const world = ipc.of.world;
    world.on('connect', () => {
        print({event: 'connect'});
        world.emit('message', {from: 'node', text: JSON.parse(textJson)});
    });
    world.on('message', (data) => {
        replies++;
        print({event: 'message', data});
        ipc.disconnect('world');
        clearTimeout(guard);
    });
    world.on('error', (error) => print({event: 'error', code: error.code ?? null, message: error.message}));
    world.on('disconnect', () => print({event: 'disconnect'}));
    world.on('destroy', () => {
        print({event: 'destroy', replies});
        clearTimeout(guard);
    });
});
