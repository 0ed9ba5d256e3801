import { readFileSync } from 'node:fs';
import path from 'node:path';
import { missingDescriptions } from './schema-descriptions';

const SUPERGRAPH = path.resolve(__dirname, '../../schema/supergraph.graphql');

// The playground's docs panel is how developers learn the domain ("by", "contradicts", ...).
test('every type, field, argument and enum value of the supergraph has a description', () => {
  const missing = missingDescriptions(readFileSync(SUPERGRAPH, 'utf8'));
  if (missing.length) throw new Error(`${missing.length} schema elements have no description:\n  ${missing.join('\n  ')}`);
});

test('the check finds every kind of gap and ignores federation internals', () => {
  const sdl = `
    type Query { """Documented."""
      a(x: Int, """Documented.""" y: Int): Thing
      _entities(representations: [_Any!]!): [_Entity]!
      _service: _Service!
    }
    type Thing { b: String """Documented.""" c: Mood }
    enum Mood { """Documented.""" HAPPY SAD }
    input Filter { """Documented.""" d: String e: Int }
    scalar _Any
    type _Service { sdl: String }
    union _Entity = Thing
    enum join__Graph { ACTORS }
    scalar link__Import
  `;
  expect(missingDescriptions(sdl)).toEqual(['Query.a(x:)', 'Thing', 'Thing.b', 'Mood', 'Mood.SAD', 'Filter', 'Filter.e']);
});
