// shacl-validate.mjs validates RDF data graphs against SHACL shapes with
// rdf-validate-shacl, an independent SHACL engine (the Go tests call it
// through internal/testtool).
//
//   node testdata/node/shacl-validate.mjs DATA.ttl [DATA2.ttl ...] SHAPES.ttl
//
// Files are read by extension (.ttl Turtle, .nt N-Triples); the shapes file
// comes last. For each data file, in order, it prints one line of JSON:
//
//   {"conforms":false,"results":[{"focusNode":"<https://…>","path":"<http://purl.org/dc/terms/identifier>",
//     "severity":"Violation","component":"MinCountConstraintComponent",
//     "sourceShape":"<https://…#Section-identifier>","value":null,"messages":["…"]}]}
//
// Terms are written in N-Triples form (IRIs in angle brackets, literals
// quoted with their datatype or language, blank nodes as _:label); a path is
// <IRI>, ^<IRI> for an inverse path, a/b for a sequence, (a|b) for
// alternatives. Results come sorted, so the output is the same on every run.
// Several data files share one start of Node.js, which takes most of the
// time. Exit status 0 means the validation ran (whether or not the data
// conforms); 2 is a usage error and 1 a file that cannot be read or parsed,
// with the reason on stderr.
import rdf from '@zazuko/env-node'
import SHACLValidator from 'rdf-validate-shacl'

const SH = 'http://www.w3.org/ns/shacl#'

function term (t) {
  if (!t) return null
  switch (t.termType) {
    case 'NamedNode':
      return `<${t.value}>`
    case 'BlankNode':
      return `_:${t.value}`
    case 'Literal': {
      const q = JSON.stringify(t.value)
      if (t.language) return `${q}@${t.language}`
      return `${q}^^<${t.datatype.value}>`
    }
    default:
      return String(t.value)
  }
}

// path renders a result path: a predicate as <IRI>, an inverse path as
// ^<IRI>, a sequence as a/b, alternatives as (a|b).
function path (ptr) {
  if (!ptr || !ptr.term) return null
  if (ptr.term.termType === 'NamedNode') return term(ptr.term)
  const inv = ptr.out(rdf.namedNode(SH + 'inversePath'))
  if (inv.term) return '^' + path(inv)
  const alt = ptr.out(rdf.namedNode(SH + 'alternativePath'))
  if (alt.term) return '(' + [...alt.list()].map(path).join('|') + ')'
  if (ptr.isList()) return [...ptr.list()].map(path).join('/')
  return term(ptr.term)
}

function local (t) {
  if (!t) return null
  return t.value.startsWith(SH) ? t.value.slice(SH.length) : t.value
}

async function load (file) {
  try {
    return await rdf.dataset().import(rdf.fromFile(file))
  } catch (err) {
    process.stderr.write(`shacl-validate: ${file}: ${err.message}\n`)
    process.exit(1)
  }
}

async function main () {
  const args = process.argv.slice(2)
  if (args.length < 2) {
    process.stderr.write('usage: node shacl-validate.mjs DATA.ttl [DATA2.ttl ...] SHAPES.ttl\n')
    process.exit(2)
  }
  const shapes = await load(args[args.length - 1])
  for (const file of args.slice(0, -1)) {
    const data = await load(file)
    // A validator of its own for each file: the engine keeps state
    // between runs (counters, nested results).
    const validator = new SHACLValidator(shapes, { factory: rdf })
    const report = await validator.validate(data)
    const results = report.results.map(r => ({
      focusNode: term(r.focusNode),
      path: path(r.pointer.out(rdf.namedNode(SH + 'resultPath'))),
      severity: local(r.severity),
      component: local(r.sourceConstraintComponent),
      sourceShape: term(r.sourceShape),
      value: term(r.value),
      messages: r.message.map(m => m.value).sort()
    }))
    const key = r => [r.focusNode, r.path, r.sourceShape, r.component, r.value].map(x => x ?? '').join('\u0000')
    results.sort((a, b) => key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)
    process.stdout.write(JSON.stringify({ conforms: report.conforms, results }) + '\n')
  }
}

main().catch(err => {
  process.stderr.write(`shacl-validate: ${err.stack || err}\n`)
  process.exit(1)
})
