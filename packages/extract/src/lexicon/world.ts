import { words } from './types';

/**
 * Names whose kind does not depend on the article's language: countries, capitals used as
 * metonyms for their governments ("Madrid", "Washington"), and the words that make a name an
 * organisation. Compared accent- and case-folded (see text/fold.ts).
 */
export const COUNTRIES = words(
  'spain, españa, united states, us, u.s., usa, u.s.a., america, estados unidos, ee.uu., ee. uu., eeuu, iran, irán, israel, france, francia, germany, alemania, uk, u.k., britain, great britain, united kingdom, reino unido, china, russia, rusia, ukraine, ucrania, italy, italia, portugal, mexico, méxico, argentina, colombia, chile, peru, perú, venezuela, brazil, brasil, japan, japón, india, canada, canadá, morocco, marruecos, turkey, turquía, türkiye, greece, grecia, poland, polonia, netherlands, países bajos, holanda, belgium, bélgica, cuba, bolivia, ecuador, uruguay, paraguay, australia, egypt, egipto, saudi arabia, arabia saudí, arabia saudita, qatar, catar, syria, siria, lebanon, líbano, iraq, irak, afghanistan, afganistán, pakistan, pakistán, north korea, corea del norte, south korea, corea del sur, bulgaria, romania, rumanía, hungary, hungría, sweden, suecia, norway, noruega, denmark, dinamarca, finland, finlandia, ireland, irlanda, austria, switzerland, suiza, algeria, argelia, nigeria, south africa, sudáfrica, kenya, kenia, ethiopia, etiopía, andorra, gibraltar, palestine, palestina, jordan, jordania, yemen, libya, libia, tunisia, túnez, senegal, ghana, indonesia, vietnam, thailand, tailandia, philippines, filipinas, new zealand, nueva zelanda, czech republic, república checa, slovakia, eslovaquia, croatia, croacia, serbia, belarus, bielorrusia, georgia, armenia, azerbaijan, azerbaiyán, kazakhstan, taiwan, taiwán, panama, panamá, costa rica, guatemala, honduras, nicaragua, el salvador, dominican republic, república dominicana, puerto rico',
);

export const CAPITALS = words(
  'madrid, washington, tehran, teherán, moscow, moscú, beijing, pekín, kyiv, kiev, paris, parís, berlin, berlín, london, londres, rome, roma, lisbon, lisboa, brussels, bruselas, rabat, ankara, jerusalem, jerusalén, tokyo, tokio, ottawa, caracas, havana, la habana, buenos aires, bogotá, mexico city, ciudad de méxico, lima, santiago, quito, athens, atenas, warsaw, varsovia, budapest, sofia, sofía, bucharest, bucarest, vienna, viena, stockholm, estocolmo, oslo, copenhagen, copenhague, helsinki, dublin, dublín, cairo, el cairo, riyadh, riad, doha, damascus, damasco, beirut, baghdad, bagdad, kabul, islamabad, pyongyang, seoul, seúl, new delhi, nueva delhi, canberra, brasilia, brasília, algiers, argel, pretoria, nairobi, addis ababa',
);

/** seats of power named for their building or street; a metonym for the office in it */
export const SEATS = words(
  'white house, casa blanca, kremlin, kremlin’s, pentagon, pentágono, moncloa, la moncloa, downing street, élysée, elysee, elíseo, quai d’orsay, zarzuela, la zarzuela, ferraz, génova, capitol hill, whitehall, the hague, la haya, vatican, vaticano',
);

/** a name containing one of these words is an organisation */
export const ORG_WORDS = words(
  'cadena, atlético, atletico, deportivo, sporting, athletic, foods, industries, brands, logistics, media, studios, games, entertainment, ventures, solutions, networks, telecom, communications, insurance, electric, steel, mining, oil, petroleum, chemicals, beverages, retail, stores, markets, guild, agency, ministry, ministerio, department, departamento, agency, agencia, commission, comisión, council, consejo, bank, banco, inc, inc., corp, corp., corporation, ltd, ltd., plc, llc, s.a., sa, s.l., gmbh, ag, group, grupo, company, compañía, party, partido, union, unión, association, asociación, federation, federación, foundation, fundación, university, universidad, institute, instituto, court, tribunal, audiencia, juzgado, police, policía, guardia, club, fc, cf, office, oficina, authority, autoridad, service, servicio, committee, comité, organization, organisation, organización, confederation, confederación, airlines, airways, líneas, motors, pharma, pharmaceuticals, laboratories, laboratorios, labs, hospital, school, escuela, colegio, board, junta, parliament, parlamento, congress, congreso, senate, senado, assembly, asamblea, ayuntamiento, city hall, cabinet, government, gobierno, administration, administración, embassy, embajada, fund, fondo, network, news, press, times, post, journal, tribune, herald, radio, televisión, television, tv, reuters, efe, afp, consejería, generalitat, xunta, diputación, cabildo, sindicato, coalition, coalición, movement, movimiento, front, frente, alliance, alianza, observatory, observatorio, centre, center, centro, museum, museo, society, sociedad, trust, energy, energía, technologies, systems, holdings, capital, partners, airport, aeropuerto, railways, renfe, adif, council’s, ministry’s',
);

/** well-known acronyms of organisations (all-caps tokens of 2-6 letters are organisations anyway) */
export const GOVERNMENT_WORDS = words(
  'government, gobierno, administration, administración, cabinet, gabinete, ejecutivo, kremlin, moncloa, la moncloa, downing street, élysée, elysee, generalitat, xunta',
);

/** "Spanish", "español" -> the country, for appositions such as "Spanish Foreign Minister" */
export const NATIONALITIES = new Map<string, string>([
  ['spanish', 'Spain'],
  ['american', 'United States'],
  ['us', 'United States'],
  ['u.s.', 'United States'],
  ['iranian', 'Iran'],
  ['israeli', 'Israel'],
  ['french', 'France'],
  ['german', 'Germany'],
  ['british', 'United Kingdom'],
  ['uk', 'United Kingdom'],
  ['chinese', 'China'],
  ['russian', 'Russia'],
  ['ukrainian', 'Ukraine'],
  ['italian', 'Italy'],
  ['portuguese', 'Portugal'],
  ['mexican', 'Mexico'],
  ['argentine', 'Argentina'],
  ['argentinian', 'Argentina'],
  ['colombian', 'Colombia'],
  ['chilean', 'Chile'],
  ['brazilian', 'Brazil'],
  ['japanese', 'Japan'],
  ['indian', 'India'],
  ['canadian', 'Canada'],
  ['moroccan', 'Morocco'],
  ['turkish', 'Turkey'],
  ['greek', 'Greece'],
  ['polish', 'Poland'],
  ['dutch', 'Netherlands'],
  ['belgian', 'Belgium'],
  ['irish', 'Ireland'],
  ['european', 'European Union'],
  ['español', 'España'],
  ['española', 'España'],
  ['estadounidense', 'Estados Unidos'],
  ['iraní', 'Irán'],
  ['israelí', 'Israel'],
  ['francés', 'Francia'],
  ['francesa', 'Francia'],
  ['alemán', 'Alemania'],
  ['alemana', 'Alemania'],
  ['británico', 'Reino Unido'],
  ['británica', 'Reino Unido'],
  ['ruso', 'Rusia'],
  ['rusa', 'Rusia'],
  ['ucraniano', 'Ucrania'],
  ['ucraniana', 'Ucrania'],
  ['italiano', 'Italia'],
  ['italiana', 'Italia'],
  ['portugués', 'Portugal'],
  ['portuguesa', 'Portugal'],
  ['mexicano', 'México'],
  ['mexicana', 'México'],
  ['argentino', 'Argentina'],
  ['argentina', 'Argentina'],
  ['colombiano', 'Colombia'],
  ['colombiana', 'Colombia'],
  ['chileno', 'Chile'],
  ['chilena', 'Chile'],
  ['marroquí', 'Marruecos'],
  ['europeo', 'Unión Europea'],
  ['europea', 'Unión Europea'],
]);
