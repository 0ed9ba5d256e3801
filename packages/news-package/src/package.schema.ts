/**
 * The JSON Schema of `newsgraph.package/v1` (CONTRACT.md section 2), draft 2020-12.
 *
 * This object is the source of truth; `schema/news-package.schema.json` at the repository root is
 * a committed copy for editors and other tools (a drift test keeps them equal; regenerate with
 * `node packages/news-package/dist/print-schema.js > schema/news-package.schema.json`).
 * The schema checks shapes; what it cannot express (real calendar dates, duplicate keys, derived
 * keys, references) is checked in validate.ts.
 */

/** Patterns shared with validate.ts, which turns them into readable messages. */
export const SCHEMA_PATTERNS = {
  key: '^[a-z0-9][a-z0-9:._-]{0,199}$',
  outletKey: '^outlet:[a-z0-9:._-]{1,193}$',
  countryCode: '^[A-Z]{2}$',
  wikidata: '^Q[1-9][0-9]{0,11}$',
  language: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$',
  partialDate: '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$',
  saidAt: '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$',
  httpUrl: '^[hH][tT][tT][pP][sS]?://',
  notBlank: '\\S',
} as const;

const P = SCHEMA_PATTERNS;
const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
/** Optional fields may be null (meaning absent); `pattern` and `minLength` only apply to strings. */
const nullable = (type: string) => [type, 'null'];
const key = (description: string, orNull = false) => ({ type: orNull ? nullable('string') : 'string', pattern: P.key, description });
const keyList = (description: string) => ({ type: nullable('array'), items: key('A key.'), description });
const language = (description: string) => ({
  type: nullable('string'),
  pattern: P.language,
  description: `${description} A BCP-47 tag, e.g. \`en\`, \`pt-BR\`.`,
});
const partialDate = (description: string) => ({
  type: nullable('string'),
  pattern: P.partialDate,
  description: `${description} \`YYYY\`, \`YYYY-MM\` or \`YYYY-MM-DD\`.`,
});
const instant = (description: string, orNull: boolean) => ({
  type: orNull ? nullable('string') : 'string',
  pattern: P.saidAt,
  description: `${description} A day \`YYYY-MM-DD\` or an ISO-8601 instant with \`Z\` or an offset.`,
});
const text = (description: string, orNull = false, maxLength?: number) => ({
  type: orNull ? nullable('string') : 'string',
  minLength: 1,
  ...(maxLength ? { maxLength } : {}),
  pattern: P.notBlank,
  description,
});

export const newsPackageSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:newsgraph:news-package:v1',
  title: 'newsgraph news package (newsgraph.package/v1)',
  description:
    'One JSON document with actors, sources, claims and statements that point at each other by key. ' +
    'A key may also name an item ingested earlier, in another package. Optional fields may be null, meaning absent.',
  type: 'object',
  required: ['format'],
  additionalProperties: false,
  properties: {
    format: { const: 'newsgraph.package/v1', description: 'Always `newsgraph.package/v1`.' },
    actors: { type: 'array', items: ref('actor'), description: 'People, organisations, governments, countries.' },
    sources: { type: 'array', items: ref('source'), description: 'Where the statements were reported.' },
    claims: { type: 'array', items: ref('claim'), description: 'Propositions statements take a stance on.' },
    statements: { type: 'array', items: ref('statement'), description: 'Who said what, when, according to which source.' },
  },
  $defs: {
    alias: {
      description: 'Another name: a string, or `{value, lang}`.',
      if: { type: 'string' },
      then: text('The name as written.', false, 1000),
      else: {
        type: 'object',
        required: ['value'],
        additionalProperties: false,
        properties: {
          value: text('The name as written.', false, 1000),
          lang: language('Language of the alias.'),
        },
      },
    },
    membership: {
      type: 'object',
      description: 'A role held in an organisation for a time.',
      required: ['organization'],
      additionalProperties: false,
      properties: {
        organization: key('Key of the organisation.'),
        role: { type: nullable('string'), description: 'The role, e.g. `Minister of Foreign Affairs`.' },
        from: partialDate('Start; null or absent: open.'),
        to: partialDate('End (inclusive); null or absent: still held.'),
      },
    },
    actor: {
      type: 'object',
      description: 'A person, organisation, government or country.',
      required: ['key', 'name'],
      additionalProperties: false,
      properties: {
        key: key('Stable key, e.g. `person:jose-manuel-albares`.'),
        kind: { enum: ['PERSON', 'ORGANIZATION', 'GOVERNMENT', 'COUNTRY', 'OTHER', null], description: 'Default OTHER.' },
        name: text('Display name.', false, 1000),
        aliases: { type: nullable('array'), items: ref('alias'), description: 'Other names, any language.' },
        countryCode: {
          type: nullable('string'),
          pattern: P.countryCode,
          description: 'ISO 3166-1 alpha-2 (two capital letters), for COUNTRY actors (optional otherwise).',
        },
        partOf: key('Structural parent, e.g. ministry -> government -> country.', true),
        memberships: { type: nullable('array'), items: ref('membership'), description: 'Roles held in organisations.' },
        externalIds: {
          type: nullable('object'),
          additionalProperties: false,
          description: 'Identifiers of the actor elsewhere; given, they replace the stored ones, absent, they are kept.',
          properties: {
            wikidata: { type: nullable('string'), pattern: P.wikidata, description: 'Wikidata item id, e.g. `Q29` for Spain.' },
          },
        },
      },
    },
    outlet: {
      type: nullable('object'),
      description: 'Who published a source. With a name it is created or updated; with only a key it must exist already.',
      required: ['key'],
      additionalProperties: false,
      properties: {
        key: { type: 'string', pattern: P.outletKey, description: '`outlet:` followed by a key, e.g. `outlet:novinite`.' },
        name: text('Display name.', true),
        country: { type: nullable('string'), pattern: P.countryCode, description: 'ISO 3166-1 alpha-2; only together with a name.' },
      },
    },
    source: {
      type: 'object',
      description: 'Where statements were reported: an article, a broadcast, a press briefing...',
      additionalProperties: false,
      properties: {
        key: key('Optional: derived from the canonical url when absent.', true),
        kind: {
          enum: ['ARTICLE', 'BROADCAST', 'PRESS_BRIEFING', 'SOCIAL_POST', 'INTERVIEW', 'OTHER', null],
          description: 'Default ARTICLE.',
        },
        url: { type: nullable('string'), pattern: P.httpUrl, description: 'Absolute http(s) URL; required for ARTICLE and SOCIAL_POST.' },
        title: text('Headline or title.', true),
        outlet: ref('outlet'),
        publishedAt: instant('Publication time.', true),
        language: language('Language of the source.'),
        derivedFrom: keyList('Keys of the sources this one copies or cites (wire copy, citation chain).'),
      },
    },
    claim: {
      type: 'object',
      description: 'A proposition, stated neutrally, that statements affirm or deny.',
      required: ['key', 'text'],
      additionalProperties: false,
      properties: {
        key: key('Stable key, e.g. `claim:spain-allows-us-use-of-bases-against-iran`.'),
        text: text('The proposition.'),
        topics: keyList('Topic keys, e.g. `base-use`.'),
      },
    },
    stance: {
      type: 'object',
      required: ['claim', 'stance'],
      additionalProperties: false,
      properties: { claim: key('Key of the claim.'), stance: { enum: ['AFFIRMS', 'DENIES'] } },
    },
    relation: {
      type: 'object',
      required: ['type', 'statement'],
      additionalProperties: false,
      properties: { type: { enum: ['CONTRADICTS', 'SUPPORTS', 'RESPONDS_TO'] }, statement: key('Key of the other statement.') },
    },
    attestation: {
      type: 'object',
      required: ['source'],
      additionalProperties: false,
      properties: {
        source: key('Key of the source reporting the statement.'),
        quotedText: { type: nullable('string'), description: 'The exact words the source prints.' },
      },
    },
    extraction: {
      type: nullable('object'),
      description:
        'How an extractor found the statement (`npm run extract`): its confidence, the character offsets of the text in the article, and whether a person should review it.',
      required: ['confidence', 'start', 'end', 'review'],
      additionalProperties: false,
      properties: {
        confidence: { type: 'number', minimum: 0, maximum: 1, description: 'How sure the extractor is, 0 to 1.' },
        start: { type: 'integer', minimum: 0, description: "Offset of the statement's first character in the article's text." },
        end: { type: 'integer', minimum: 0, description: "Offset just after the statement's last character (not before `start`)." },
        review: { type: 'boolean', description: 'True when a person should check it before it is trusted.' },
      },
    },
    statement: {
      type: 'object',
      description: 'Something an actor said, when, and which sources report it.',
      required: ['speaker', 'text', 'saidAt', 'attestations'],
      additionalProperties: false,
      properties: {
        key: key('Optional: derived from speaker, day and normalised text when absent.', true),
        speaker: key('Key of the actor who said it.'),
        onBehalfOf: key('Key of the organisation the speaker spoke for.', true),
        text: text('What was said.'),
        language: language('Language of the text.'),
        form: { enum: ['DIRECT_QUOTE', 'INDIRECT_QUOTE', 'PARAPHRASE', null], description: 'How the words reached the source.' },
        saidAt: instant('When it was said.', false),
        venue: { type: nullable('string'), description: 'Where it was said, e.g. `Cadena SER radio`.' },
        topics: keyList('Topic keys, e.g. `base-use`.'),
        stances: { type: nullable('array'), items: ref('stance'), description: 'Positions taken on claims.' },
        relations: { type: nullable('array'), items: ref('relation'), description: 'Explicit relations to other statements.' },
        attestations: { type: 'array', minItems: 1, items: ref('attestation'), description: 'The sources reporting it; at least one.' },
        extraction: ref('extraction'),
      },
    },
  },
};
