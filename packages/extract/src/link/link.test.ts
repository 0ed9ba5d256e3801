import { linkActor } from './actors';
import { ClaimIndex, polarityOf, proposeStances, SURE_MATCH } from './claims';
import { createFixedLookup, KnownActor } from './lookup';
import { contentWords } from './words';

const ACTORS: KnownActor[] = [
  { key: 'country:es', kind: 'COUNTRY', name: 'Spain', aliases: ['Kingdom of Spain', 'España'] },
  { key: 'org:es-government', kind: 'GOVERNMENT', name: 'Government of Spain', aliases: ['Spanish Government', 'Madrid', 'Gobierno de España'] },
  { key: 'org:white-house', kind: 'ORGANIZATION', name: 'White House', aliases: ['The White House'] },
  { key: 'person:jose-manuel-albares', kind: 'PERSON', name: 'José Manuel Albares', aliases: ['Albares', 'José Manuel Albares Bueno'] },
  { key: 'person:karoline-leavitt', kind: 'PERSON', name: 'Karoline Leavitt', aliases: ['Leavitt'] },
  { key: 'country:jo', kind: 'COUNTRY', name: 'Jordan', aliases: [] },
  { key: 'person:ana-garcia', kind: 'PERSON', name: 'Ana García', aliases: [] },
  { key: 'person:luis-garcia', kind: 'PERSON', name: 'Luis García', aliases: [] },
];
const lookup = createFixedLookup(ACTORS);
const link = async (name: string, kind: KnownActor['kind'], aliases?: string[]) => (await linkActor({ name, kind, aliases }, lookup))?.key ?? null;

describe('linking a name to a known actor', () => {
  test('the fullest name or an alias, ignoring case and accents', async () => {
    expect(await link('José Manuel Albares', 'PERSON')).toBe('person:jose-manuel-albares');
    expect(await link('JOSE MANUEL ALBARES', 'PERSON')).toBe('person:jose-manuel-albares');
    expect(await link('Jose Manuel Albares Bueno', 'PERSON')).toBe('person:jose-manuel-albares');
    expect(await link('españa', 'COUNTRY')).toBe('country:es');
  });

  test('metonyms that are aliases: "Madrid", "the White House"', async () => {
    expect(await link('Madrid', 'GOVERNMENT')).toBe('org:es-government');
    expect(await link('Madrid', 'ORGANIZATION')).toBe('org:es-government');
    expect(await link('the White House', 'ORGANIZATION')).toBe('org:white-house');
  });

  test('a person never links to a country or an organisation, nor the other way round', async () => {
    expect(await link('Jordan', 'PERSON')).toBeNull();
    expect(await link('Leavitt', 'ORGANIZATION')).toBeNull();
  });

  test('a name that only contains a known one is not a match', async () => {
    expect(await link('Spanish Foreign Ministry', 'ORGANIZATION')).toBeNull();
    expect(await link('Albares Jr', 'PERSON')).toBeNull();
  });

  test('a surname alone: only with one candidate and a full name that agrees', async () => {
    // "José Albares": one known Albares, whose names hold both words
    expect(await linkActor({ name: 'José Albares', kind: 'PERSON' }, lookup)).toEqual({
      key: 'person:jose-manuel-albares',
      name: 'José Manuel Albares',
      kind: 'PERSON',
      via: 'surname',
    });
    // another first name: not him
    expect(await link('Pilar Albares', 'PERSON')).toBeNull();
    // two known Garcías: not sure which
    expect(await link('María García', 'PERSON')).toBeNull();
    expect(await link('García', 'PERSON')).toBeNull();
  });

  test('a surname whose search fills a page is not proof of one person', async () => {
    const many: KnownActor[] = Array.from({ length: 100 }, (_, i) => ({
      key: `org:albares-${i}`,
      kind: 'ORGANIZATION',
      name: `Albares Foundation ${i}`,
      aliases: [],
    }));
    const crowded = createFixedLookup([...ACTORS, ...many].slice(0, 200));
    const capped = { ...crowded, findActors: async (t: string) => (await crowded.findActors(t)).slice(0, 100) };
    expect(await linkActor({ name: 'José Albares', kind: 'PERSON' }, capped)).toBeNull();
  });

  test("the article's other proper names count; two different actors make it unsure", async () => {
    expect(await link('the spokeswoman', 'PERSON', ['Leavitt', 'she'])).toBe('person:karoline-leavitt');
    expect(await link('Karoline Leavitt', 'PERSON', ['Albares'])).toBeNull();
  });
});

const CLAIMS = [
  { key: 'claim:coop', text: 'Spain has agreed to cooperate with the US military operation against Iran', topics: ['military-cooperation'] },
  { key: 'claim:bases', text: 'Spain allows the US military to use its bases and territory for operations against Iran', topics: ['base-use'] },
  { key: 'claim:rates', text: 'The central bank will cut interest rates in June', topics: ['economy'] },
];
const index = new ClaimIndex(CLAIMS);

describe('claims and stances', () => {
  test('words meet across inflections', () => {
    expect(contentWords('agreed agrees agreement')).toEqual(['agre', 'agre', 'agre']);
    expect(contentWords('the US bases')).toEqual(['us', 'base']);
  });

  test('BM25 finds the claim a statement restates, and nothing for an unrelated one', () => {
    expect(index.search('Spain agrees to cooperate with the US military in their war against Iran')[0].claim.key).toBe('claim:coop');
    expect(index.search('Spanish territory will not be used for US military aircraft engaged in operations against Iran')[0].claim.key).toBe('claim:bases');
    expect(index.search('The weather will be sunny on the coast')).toEqual([]);
  });

  test('polarity from the cue first, then from the words', () => {
    expect(polarityOf({ cue: 'deny', text: 'Spain has agreed to cooperate' }, 'en')).toMatchObject({ stance: 'DENIES', from: 'cue' });
    expect(polarityOf({ cue: 'confirm', text: 'Spain has agreed to cooperate' }, 'en')).toMatchObject({ stance: 'AFFIRMS', from: 'cue' });
    expect(polarityOf({ cue: 'say', text: 'Spain agrees to cooperate' }, 'en')).toMatchObject({ stance: 'AFFIRMS', from: 'words' });
    expect(polarityOf({ cue: 'say', text: 'I categorically deny any change' }, 'en')).toMatchObject({ stance: 'DENIES', from: 'words', strong: true });
    expect(polarityOf({ cue: 'say', text: 'las bases no se van a utilizar' }, 'es')).toMatchObject({ stance: 'DENIES', from: 'words', strong: false });
  });

  test('a sure match with the cue is proposed without review; a weaker one for review', () => {
    const sure = proposeStances({ cue: 'deny', text: 'Spain has agreed to cooperate with the US military against Iran' }, 'en', index);
    expect(sure).toEqual([{ claim: 'claim:coop', stance: 'DENIES', match: expect.any(Number), from: 'cue', review: false }]);
    expect(sure[0].match).toBeGreaterThanOrEqual(SURE_MATCH);
    const unsure = proposeStances({ cue: 'say', text: 'our stance regarding the use of bases and airstrikes on Iran has not changed' }, 'en', index);
    expect(unsure).toEqual([{ claim: 'claim:bases', stance: 'DENIES', match: expect.any(Number), from: 'words', review: true }]);
    expect(proposeStances({ cue: 'say', text: 'We expect a good harvest' }, 'en', index)).toEqual([]);
    // a question asserts nothing
    expect(proposeStances({ cue: 'ask', text: 'Has Spain agreed to cooperate with the US military against Iran?' }, 'en', index)[0].review).toBe(true);
  });
});
