// jsonld-to-nquads reads a JSON-LD document with jsonld.js, an independent
// JSON-LD processor, and writes its statements as N-Quads: the Go tests
// check pledgegraph's JSON-LD against it (internal/testtool).
//
// Standard input is one JSON object:
//
//   {"document": <the JSON-LD document>,
//    "contexts": {"<URL>": <the document served at URL>, ...}}
//
// Remote contexts are served from "contexts" only; any other URL is an
// error, so nothing is fetched from the network. Safe mode is on: what
// jsonld.js would drop (an undefined term, a relative IRI, a bad language
// tag) is an error too. Exit status 1 with the message on stderr.
import jsonld from 'jsonld';

async function main() {
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    text += chunk;
  }
  const input = JSON.parse(text);
  const contexts = input.contexts || {};
  const documentLoader = async (url) => {
    if (Object.prototype.hasOwnProperty.call(contexts, url)) {
      return {contextUrl: null, documentUrl: url, document: contexts[url]};
    }
    throw new Error(`${url} is not loaded: documents are read offline, and the loader serves ${Object.keys(contexts).sort().join(', ') || 'no document'}`);
  };
  const nquads = await jsonld.toRDF(input.document, {
    format: 'application/n-quads',
    documentLoader,
    safe: true,
  });
  process.stdout.write(nquads);
}

main().catch((err) => {
  const details = err && err.details ? ` ${JSON.stringify(err.details)}` : '';
  process.stderr.write(`jsonld.js: ${err && err.message ? err.message : err}${details}\n`);
  process.exit(1);
});
