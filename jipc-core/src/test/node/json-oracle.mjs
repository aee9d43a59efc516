// Answers one request per stdin line with what Node does, one line each, in order:
//   d <16 hex digits>      -> JSON.stringify of the double with those IEEE-754 bits
//   s <hex,hex,...>        -> JSON.stringify of the string with those UTF-16 code units
//   u <hex bytes>          -> the UTF-16 code units (hex,hex,...) of JSON.parse('"' + bytes + '"')
//                             after Node decodes the bytes as UTF-8, as a socket does
// Inputs avoid our own writer: doubles as bit patterns, strings as code units.
import { readFileSync } from 'node:fs';

function units(s) {
  const out = [];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i).toString(16));
  return out.join(',');
}
const out = [];
for (const line of readFileSync(0, 'latin1').split('\n')) {
  if (line === '') continue;
  const arg = line.slice(2);
  switch (line[0]) {
    case 'd':
      out.push(JSON.stringify(Buffer.from(arg, 'hex').readDoubleBE(0)));
      break;
    case 's':
      out.push(JSON.stringify(String.fromCharCode(...(arg ? arg.split(',') : []).map((h) => parseInt(h, 16)))));
      break;
    case 'u': {
      const bytes = Buffer.concat([Buffer.from('"'), Buffer.from(arg, 'hex'), Buffer.from('"')]);
      out.push(units(JSON.parse(bytes.toString('utf8'))));
      break;
    }
    default:
      throw new Error('unknown request: ' + line.slice(0, 20));
  }
}
process.stdout.write(out.join('\n') + '\n');
