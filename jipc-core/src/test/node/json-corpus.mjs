// Prints `count` random JSON texts, one per line, each exactly as JSON.stringify prints it.
// Usage: node json-corpus.mjs <seed> <count>
// The values cover every class of string code unit (controls, quotes, U+2028, emoji, lone
// surrogates), numbers across the whole double range, and nested objects whose keys mix array
// indices with ordinary names.
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
function doubleFromBits(hi, lo) {
  view.setUint32(0, hi);
  view.setUint32(4, lo);
  return view.getFloat64(0);
}

const EDGE_NUMBERS = [
  0, -0, 1, -1, 0.1, 0.2, 0.3, 1e21, 1e-7, 1e-6, 999999999999999900000, 1e20, 123456789012345680000,
  5e-324, -5e-324, 1e-323, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308,
  Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 53, 2 ** 63, 2 ** 64, 4.35, 0.000001234,
  1.5e300, 9.5367431640625e-7, 1 / 3, 2 / 3, 100, 1e100,
];

function randomNumber() {
  switch (below(8)) {
    case 0: return pick(EDGE_NUMBERS);
    case 1: return below(2000) - 1000;
    case 2: return (next() * 2 ** 21 + below(2 ** 21)) * (below(2) ? 1 : -1);
    case 3: return (below(2000000) - 1000000) / 10 ** below(12);
    case 4: return doubleFromBits(below(0x100000) | (below(2) ? 0x80000000 : 0), next()); // subnormal
    case 5: return pick([10, 2]) ** (below(700) - 350) * (1 + below(10));
    default: {
      const v = doubleFromBits(next(), next());
      return Number.isFinite(v) ? v : 0.5;
    }
  }
}

function randomUnit() {
  switch (below(12)) {
    case 0: return below(0x20); // control
    case 1: return pick([0x22, 0x5c, 0x2f, 0x7f, 0x2028, 0x2029, 0xfeff, 0xfffd, 0xffff]);
    case 2: return 0x80 + below(0x780); // two UTF-8 bytes
    case 3: return 0x800 + below(0xd000); // three bytes, below the surrogates
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
      const cp = 0x10000 + below(0x100000); // a valid pair
      units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else {
      units.push(randomUnit());
    }
  }
  return String.fromCharCode(...units);
}

const INDEX_KEYS = ['0', '1', '2', '7', '10', '42', '100', '4294967294', '4294967295', '01', '-1',
  '1.5', '1e3', '00', ' 1', '9007199254740993'];

function randomKey() {
  if (below(3) === 0) return pick(INDEX_KEYS);
  if (below(3) === 0) return String(below(1000));
  return randomString(6);
}

function randomValue(depth) {
  const roll = below(depth > 4 ? 6 : 9);
  switch (roll) {
    case 0: return null;
    case 1: return below(2) === 0;
    case 2: case 3: return randomNumber();
    case 4: case 5: return randomString(12);
    case 6: case 7: {
      const obj = {};
      const n = below(6);
      for (let i = 0; i < n; i++) obj[randomKey()] = randomValue(depth + 1);
      return obj;
    }
    default: {
      const arr = [];
      const n = below(6);
      for (let i = 0; i < n; i++) arr.push(randomValue(depth + 1));
      return arr;
    }
  }
}

const lines = [];
for (let i = 0; i < count; i++) lines.push(JSON.stringify(randomValue(0)));
process.stdout.write(lines.join('\n') + '\n');
