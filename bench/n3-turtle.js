#!/usr/bin/env node
// N3.js peer for bench/bench.sh: stream N-Triples in, Turtle out.
//
//   node n3-turtle.js IN.nt OUT.ttl [PREFIXES.json]
//
// PREFIXES.json maps prefix to namespace IRI ({"schema": "http://schema.org/"}),
// the same prefixes pledgegraph's Turtle declares. The number of triples
// read is printed on stderr as "n3: N triples".
'use strict';

const fs = require('fs');
const { pipeline } = require('stream');
const { StreamParser, StreamWriter } = require('n3');

const [input, output, prefixFile] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node n3-turtle.js IN.nt OUT.ttl [PREFIXES.json]');
  process.exit(2);
}
const prefixes = prefixFile ? JSON.parse(fs.readFileSync(prefixFile, 'utf8')) : {};

const parser = new StreamParser({ format: 'N-Triples' });
const writer = new StreamWriter({ format: 'Turtle', prefixes });
let n = 0;
parser.on('data', () => { n++; });

pipeline(fs.createReadStream(input), parser, writer, fs.createWriteStream(output), (err) => {
  if (err) {
    console.error(`n3: ${err.message}`);
    process.exit(1);
  }
  console.error(`n3: ${n} triples`);
});
