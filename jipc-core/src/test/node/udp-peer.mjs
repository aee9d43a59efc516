// A node-ipc UDP endpoint, driven through node-ipc 14's public API, for jipc's UDP interop test.
// Usage: node udp-peer.mjs <udp4|udp6> <host> <port> answer
//        node udp-peer.mjs <udp4|udp6> <host> <port> ask <toPort> <count> <text>
// Binds serveNet(host, port, type) and prints 'ready'. "answer" replies to each 'message' {n, text}
// at its sender with {n, text: text + ' world! 🌍'} and exits 0 on 'bye'. "ask" emits <count>
// 'message' {n: 1..count, text: JSON.parse(text)} to host:toPort in a row and exits 0 after as
// many replies. Prints one JSON line per event; exits 2 after 20 s.
import {IPCModule} from 'node-ipc';

const [type, host, port, mode, toPort, count, textJson] = process.argv.slice(2);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');
const guard = setTimeout(() => { print({event: 'timeout'}); process.exit(2); }, 20000);

const ipc = new IPCModule();
ipc.config.id = 'udp-peer';
ipc.config.silent = true;

const stop = () => {
    ipc.server.stop();
    clearTimeout(guard);
};

ipc.serveNet(host, Number(port), type, () => {
    print({event: 'ready'});
    ipc.server.on('error', (error) => print({event: 'error', code: error.code ?? null, message: error.message}));
    if (mode === 'answer') {
        ipc.server.on('message', (data, socket) => {
            print({event: 'message', data});
            ipc.server.emit(socket, 'message', {n: data.n, text: data.text + ' world! 🌍'});
        });
        ipc.server.on('bye', (data) => {
            print({event: 'bye', data});
            stop();
        });
    } else {
        let replies = 0;
        ipc.server.on('message', (data) => {
            print({event: 'message', data});
            if (++replies === Number(count)) {
                stop();
            }
        });
        const text = JSON.parse(textJson);
        for (let n = 1; n <= Number(count); n++) {
            ipc.server.emit({address: host, port: Number(toPort)}, 'message', {n, text});
        }
    }
});
ipc.server.start();
