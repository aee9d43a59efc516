// The encoder corpus of jipc's interop gate: random JSON values, each printed as two lines.
// Usage: node corpus.mjs <seed> <count>
//   line 1: the value as prefix tokens, built without JSON so that Java can rebuild it exactly:
//           n | t | f | d<16 hex digits: IEEE-754 bits> | s<UTF-16 units in hex, comma-separated>
//           | a<count> <elements> | o<count> <key as s-token> <value> ... (keys in insertion order)
//   line 2: JSON.stringify({type: 'v', data: value}), the frame node-ipc writes before its '\f'
// Strings cover every class of code unit (controls, quotes, U+2028, emoji pairs, lone
// surrogates); numbers the whole double range, -0, NaN and the infinities; objects mix
// integer-like keys into other keys in random insertion order, which JSON.stringify reorders.
const [seedArg, countArg] = process.argv.slice(2);
let state = (Number(seedArg) >>> 0) || 1;
const count = Number(countArg);

// xorshift32: small, seedable, good enough for test data.
function next() {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
}
const below = (n) => next() % n;
const pick = (list) => list[below(list.length)];

const view = new DataView(new ArrayBuffer(8));
function bits(value) {
    view.setFloat64(0, value);
    return view.getUint32(0).toString(16).padStart(8, '0') + view.getUint32(4).toString(16).padStart(8, '0');
}
function fromBits(hi, lo) {
    view.setUint32(0, hi);
    view.setUint32(4, lo);
    return view.getFloat64(0);
}

const EDGES = [0, -0, 1, -1, 0.1, 0.2, 0.3, 1e21, 1e-7, 1e-6, 999999999999999900000, 1e20,
    5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64, 4.35, 1 / 3, 100, 1e100,
    NaN, Infinity, -Infinity];

function randomNumber() {
    switch (below(7)) {
        case 0: return pick(EDGES);
        case 1: return below(2000) - 1000;
        case 2: return (below(2000000) - 1000000) / 10 ** below(12);
        case 3: return fromBits(below(0x100000), next()); // subnormal
        case 4: return pick([10, 2]) ** (below(700) - 350) * (1 + below(10));
        default: {
            const v = fromBits(next(), next());
            return Number.isFinite(v) ? v : 0.5;
        }
    }
}

function randomUnit() {
    switch (below(12)) {
        case 0: return below(0x20);
        case 1: return pick([0x22, 0x5c, 0x2f, 0x7f, 0x2028, 0x2029, 0xfeff, 0xfffd, 0xffff, 0x0c]);
        case 2: return 0x80 + below(0x780);
        case 3: return 0x800 + below(0xd000);
        case 4: return 0xe000 + below(0x2000);
        case 5: return 0xd800 + below(0x800); // a lone surrogate (or, by chance, a pair)
        default: return 0x20 + below(0x5f);
    }
}

function randomString(maxLength) {
    const units = [];
    const n = below(maxLength + 1);
    for (let i = 0; i < n; i++) {
        if (below(10) === 0) {
            const cp = 0x10000 + below(0x100000);
            units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
        } else {
            units.push(randomUnit());
        }
    }
    return String.fromCharCode(...units);
}

const INDEX_KEYS = ['0', '1', '2', '7', '10', '42', '100', '4294967294', '4294967295', '01', '-1',
    '1.5', '1e3', '00', ' 1', '9007199254740993', ''];

function randomKey() {
    if (below(3) === 0) return pick(INDEX_KEYS);
    if (below(3) === 0) return String(below(1000));
    return randomString(6);
}

const units = (s) => 's' + Array.from({length: s.length}, (_, i) => s.charCodeAt(i).toString(16)).join(',');

// Returns [value, tokens].
function randomValue(depth) {
    switch (below(depth > 4 ? 6 : 9)) {
        case 0: return [null, 'n'];
        case 1: return below(2) === 0 ? [true, 't'] : [false, 'f'];
        case 2: case 3: {
            const v = randomNumber();
            return [v, 'd' + bits(v)];
        }
        case 4: case 5: {
            const s = randomString(12);
            return [s, units(s)];
        }
        case 6: case 7: {
            const obj = {};
            const tokens = [];
            const n = below(7);
            for (let i = 0; i < n; i++) {
                const key = randomKey();
                if (key === '__proto__' || Object.hasOwn(obj, key)) continue;
                const [value, valueTokens] = randomValue(depth + 1);
                obj[key] = value;
                tokens.push(units(key), valueTokens);
            }
            return [obj, `o${tokens.length / 2} ${tokens.join(' ')}`.trim()];
        }
        default: {
            const arr = [];
            const tokens = [];
            const n = below(6);
            for (let i = 0; i < n; i++) {
                const [value, valueTokens] = randomValue(depth + 1);
                arr.push(value);
                tokens.push(valueTokens);
            }
            return [arr, `a${n} ${tokens.join(' ')}`.trim()];
        }
    }
}

const lines = [];
for (let i = 0; i < count; i++) {
    const [value, tokens] = randomValue(0);
    lines.push(tokens, JSON.stringify({type: 'v', data: value}));
}
process.stdout.write(lines.join('\n') + '\n');
