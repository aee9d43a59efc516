// node-ipc's README "hello" client, driven through node-ipc 14's public API, for jipc's smoke test.
// Usage: node hello-world-client.mjs unix <socketRoot> | tcp <port>
// Prints one JSON line per event; exits 0 after the reply, 2 after 20 s.
import {IPCModule} from 'node-ipc';

const [transport, where] = process.argv.slice(2);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');
const guard = setTimeout(() => { print({event: 'timeout'}); process.exit(2); }, 20000);

const ipc = new IPCModule();
ipc.config.id = 'hello';
ipc.config.retry = 1500;
ipc.config.silent = true;

const talk = () => {
    ipc.of.world.on('connect', () => {
        print({event: 'connect'});
        ipc.of.world.emit('message', 'hello');
    });
    ipc.of.world.on('message', (data) => {
        print({event: 'message', data});
        ipc.disconnect('world');
        clearTimeout(guard);
    });
};

if (transport === 'unix') {
    ipc.config.socketRoot = where.endsWith('/') ? where : where + '/';
    ipc.connectTo('world', talk);
} else {
    ipc.connectToNet('world', '127.0.0.1', Number(where), talk);
}
