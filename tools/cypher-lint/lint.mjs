#!/usr/bin/env node
// Lints Cypher files with Neo4j's own linter, @neo4j-cypher/language-support (pinned in
// package.json), the way a Neo4j 5 server would judge them.
//
//   node tools/cypher-lint/lint.mjs FILE...
//
// Each file is linted with lintCypherQuery(query, dbSchema): dbSchema carries the function and
// procedure registry of a real Neo4j (dumped into the package's test data, for CYPHER 5 and
// CYPHER 25) and, as the declared parameters, the file's `// @param <name>: <JSON example>`
// header lines, so unknown functions or procedures and undeclared parameters are errors.
// Plugin namespaces (apoc, gds) are left out of the registry: the neo4j:5 community image of
// docker-compose.yml has no plugins.
//
// Prints one JSON report on stdout:
//   {"files": [{"file", "diagnostics": [{"severity", "line", "column", "endLine", "endColumn",
//     "message"}]}], "errors": N, "warnings": M}
// with 1-based positions. Exit status: 0 no errors, 1 errors found, 2 usage error.

import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';
import { testData } from './node_modules/@neo4j-cypher/language-support/dist/esm/project/language-support/src/tests/testData.js';

const PLUGIN_NAMESPACES = ['apoc.', 'gds.'];
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const PARAM_LINE = /^@param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$/;

function withoutPlugins(scopedRegistry) {
  const result = {};
  for (const [version, registry] of Object.entries(scopedRegistry)) {
    result[version] = Object.fromEntries(
      Object.entries(registry).filter(([name]) => !PLUGIN_NAMESPACES.some((ns) => name.startsWith(ns))),
    );
  }
  return result;
}

const REGISTRY = {
  functions: withoutPlugins(testData.mockSchema.functions),
  procedures: withoutPlugins(testData.mockSchema.procedures),
};

// The leading `//` lines: `@param` ones declare parameters; a bad one is an error diagnostic.
function readHeader(source) {
  const parameters = {};
  const problems = [];
  const lines = source.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line === '') continue;
    if (!line.startsWith('//')) break;
    const comment = line.slice(2).trim();
    if (!comment.startsWith('@')) continue;
    const match = PARAM_LINE.exec(comment);
    let problem = null;
    if (match === null) {
      problem = `bad header tag: expected // @param <name>: <JSON example>`;
    } else {
      try {
        parameters[match[1]] = JSON.parse(match[2]);
      } catch (error) {
        problem = `the example of $${match[1]} is not JSON: ${error.message}`;
      }
    }
    if (problem !== null) {
      const column = lines[index].indexOf('//') + 1;
      problems.push({ severity: 'error', line: index + 1, column, endLine: index + 1, endColumn: lines[index].length + 1, message: problem });
    }
  }
  return { parameters, problems };
}

function lintFile(file) {
  const source = readFileSync(file, 'utf8');
  const { parameters, problems } = readHeader(source);
  const dbSchema = { ...REGISTRY, parameters, defaultLanguage: 'CYPHER 5' };
  const { diagnostics } = lintCypherQuery(source, dbSchema);
  const found = diagnostics.map((d) => ({
    severity: SEVERITY[d.severity] ?? String(d.severity),
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    message: d.message,
  }));
  return { file, diagnostics: [...problems, ...found] };
}

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: node lint.mjs FILE...\n');
  process.exit(2);
}
let report;
try {
  report = files.map(lintFile);
} catch (error) {
  process.stderr.write(`cypher-lint: ${error.message}\n`);
  process.exit(2);
}
const count = (severity) => report.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === severity).length, 0);
const errors = count('error');
process.stdout.write(JSON.stringify({ files: report, errors, warnings: count('warning') }, null, 1) + '\n');
process.exit(errors > 0 ? 1 : 0);
