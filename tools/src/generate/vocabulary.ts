/** Fixed word lists the synthetic corpus is made of. Order matters: earlier entries are more frequent. */

export interface CountrySpec {
  code: string;
  name: string;
  /** name in the country's language, stored as an alias */
  local: string;
  lang: string;
  capital: string;
}

export const COUNTRIES: CountrySpec[] = [
  { code: 'us', name: 'United States', local: 'Estados Unidos', lang: 'en', capital: 'Washington' },
  { code: 'es', name: 'Spain', local: 'España', lang: 'es', capital: 'Madrid' },
  { code: 'ru', name: 'Russia', local: 'Россия', lang: 'ru', capital: 'Moscow' },
  { code: 'cn', name: 'China', local: '中国', lang: 'zh', capital: 'Beijing' },
  { code: 'gb', name: 'United Kingdom', local: 'United Kingdom', lang: 'en', capital: 'London' },
  { code: 'fr', name: 'France', local: 'France', lang: 'fr', capital: 'Paris' },
  { code: 'de', name: 'Germany', local: 'Deutschland', lang: 'de', capital: 'Berlin' },
  { code: 'ua', name: 'Ukraine', local: 'Україна', lang: 'uk', capital: 'Kyiv' },
  { code: 'ir', name: 'Iran', local: 'ایران', lang: 'fa', capital: 'Tehran' },
  { code: 'il', name: 'Israel', local: 'ישראל', lang: 'he', capital: 'Jerusalem' },
  { code: 'tr', name: 'Turkey', local: 'Türkiye', lang: 'tr', capital: 'Ankara' },
  { code: 'it', name: 'Italy', local: 'Italia', lang: 'it', capital: 'Rome' },
  { code: 'pl', name: 'Poland', local: 'Polska', lang: 'pl', capital: 'Warsaw' },
  { code: 'in', name: 'India', local: 'भारत', lang: 'hi', capital: 'New Delhi' },
  { code: 'br', name: 'Brazil', local: 'Brasil', lang: 'pt', capital: 'Brasília' },
  { code: 'jp', name: 'Japan', local: '日本', lang: 'ja', capital: 'Tokyo' },
  { code: 'mx', name: 'Mexico', local: 'México', lang: 'es', capital: 'Mexico City' },
  { code: 'sa', name: 'Saudi Arabia', local: 'السعودية', lang: 'ar', capital: 'Riyadh' },
  { code: 'bg', name: 'Bulgaria', local: 'България', lang: 'bg', capital: 'Sofia' },
  { code: 'pt', name: 'Portugal', local: 'Portugal', lang: 'pt', capital: 'Lisbon' },
  { code: 'nl', name: 'Netherlands', local: 'Nederland', lang: 'nl', capital: 'Amsterdam' },
  { code: 'se', name: 'Sweden', local: 'Sverige', lang: 'sv', capital: 'Stockholm' },
  { code: 'gr', name: 'Greece', local: 'Ελλάδα', lang: 'el', capital: 'Athens' },
  { code: 'eg', name: 'Egypt', local: 'مصر', lang: 'ar', capital: 'Cairo' },
  { code: 'za', name: 'South Africa', local: 'South Africa', lang: 'en', capital: 'Pretoria' },
  { code: 'ar', name: 'Argentina', local: 'Argentina', lang: 'es', capital: 'Buenos Aires' },
  { code: 'ca', name: 'Canada', local: 'Canada', lang: 'en', capital: 'Ottawa' },
  { code: 'au', name: 'Australia', local: 'Australia', lang: 'en', capital: 'Canberra' },
  { code: 'kr', name: 'South Korea', local: '대한민국', lang: 'ko', capital: 'Seoul' },
  { code: 'no', name: 'Norway', local: 'Norge', lang: 'no', capital: 'Oslo' },
];

/** [slug, name]: ministries and agencies every generated government has */
export const MINISTRIES: Array<[string, string]> = [
  ['foreign-affairs', 'Ministry of Foreign Affairs'],
  ['defence', 'Ministry of Defence'],
  ['economy', 'Ministry of Economy'],
  ['interior', 'Ministry of the Interior'],
  ['energy', 'Ministry of Energy'],
  ['health', 'Ministry of Health'],
  ['justice', 'Ministry of Justice'],
  ['trade', 'Ministry of Trade'],
  ['statistics-agency', 'National Statistics Agency'],
  ['intelligence-agency', 'National Intelligence Agency'],
];

export const ROLES = ['Minister', 'Spokesperson', 'Secretary of State'];

/** topic keys, most covered first; `base-use` keeps the contract's headline query meaningful */
export const TOPICS = [
  'base-use', 'sanctions', 'energy-prices', 'ceasefire', 'migration', 'inflation', 'elections', 'trade-tariffs',
  'nuclear-programme', 'military-aid', 'climate', 'public-health', 'cyber-attacks', 'refugees', 'oil-supply',
  'interest-rates', 'corruption', 'border-security', 'grain-exports', 'arms-control', 'shipping-routes',
  'fisheries', 'space', 'semiconductors', 'vaccines', 'water-rights', 'rare-earths', 'tourism', 'pensions',
  'housing', 'drought', 'wildfires', 'terrorism', 'media-freedom', 'judicial-reform', 'railways', 'tax-reform',
  'digital-services', 'artificial-intelligence', 'diplomatic-expulsions',
];

export const FIRST_NAMES = [
  'Ana', 'José', 'María', 'John', 'Karoline', 'Pedro', 'Elena', 'Ivan', 'Olga', 'Wei', 'Li', 'Sarah', 'James',
  'Marie', 'Jean', 'Klaus', 'Anna', 'Oleksandr', 'Ali', 'Reza', 'Noa', 'David', 'Mehmet', 'Ayşe', 'Giulia',
  'Marco', 'Piotr', 'Agnieszka', 'Priya', 'Rahul', 'Lucas', 'Beatriz', 'Yuki', 'Hiroshi', 'Carlos', 'Fatima',
  'Georgi', 'Maria', 'João', 'Sven', 'Ingrid', 'Nikos', 'Thabo', 'Emma', 'Liam', 'Min-jun', 'Ji-woo', 'Ola',
];

export const LAST_NAMES = [
  'García', 'Albares', 'Smith', 'Leavitt', 'Sánchez', 'Ivanov', 'Petrova', 'Zhang', 'Wang', 'Johnson', 'Brown',
  'Dubois', 'Martin', 'Müller', 'Schmidt', 'Kovalenko', 'Shevchenko', 'Ahmadi', 'Hosseini', 'Cohen', 'Levi',
  'Yılmaz', 'Kaya', 'Rossi', 'Bianchi', 'Nowak', 'Kowalski', 'Sharma', 'Patel', 'Silva', 'Santos', 'Tanaka',
  'Sato', 'López', 'Al-Saud', 'Dimitrov', 'Georgieva', 'Costa', 'de Vries', 'Andersson', 'Papadopoulos',
  'Nkosi', 'Fernández', 'Tremblay', 'Wilson', 'Kim', 'Park', 'Hansen',
];

export const OUTLET_NAMES = [
  'Reuters', 'Associated Press', 'Agence France-Presse', 'EFE', 'El País', 'The New York Times', 'BBC News',
  'Le Monde', 'Der Spiegel', 'The Guardian', 'Al Jazeera', 'TASS', 'Xinhua', 'Kyiv Independent', 'Politico',
  'Bloomberg', 'Financial Times', 'La Repubblica', 'Gazeta Wyborcza', 'The Hindu', 'Folha de S.Paulo',
  'NHK', 'El Universal', 'Dnevnik', 'Público', 'NRC', 'Dagens Nyheter', 'Kathimerini', 'Mail & Guardian',
  'Clarín', 'CBC News', 'ABC News Australia', 'Yonhap', 'NRK', 'El Mundo', 'La Vanguardia', 'Washington Post',
  'Wall Street Journal', 'Le Figaro', 'Die Zeit',
];

/** outlets whose copy other outlets republish (derivedFrom) */
export const WIRE_OUTLETS = 4;

export const ACTIONS = [
  'agreed to cooperate militarily with', 'allowed the use of its bases by', 'imposed new sanctions on',
  'cut gas deliveries to', 'opened talks with', 'expelled diplomats of', 'signed a trade deal with',
  'sent air defence systems to', 'recalled its ambassador from', 'blocked grain shipments to',
  'raised tariffs on', 'shared intelligence with', 'refused overflight rights to', 'promised aid to',
];

export const SAY_EN = ['said that', 'denied that', 'insisted that', 'confirmed that', 'claimed that', 'warned that'];

/** a few phrases in other languages so the full-text search meets more than English */
export const SAY_OTHER: Record<string, string[]> = {
  es: ['afirmó que', 'negó que', 'aseguró que'],
  fr: ['a affirmé que', 'a nié que', 'a déclaré que'],
  de: ['sagte, dass', 'bestritt, dass', 'erklärte, dass'],
  it: ['ha detto che', 'ha negato che'],
  pt: ['afirmou que', 'negou que'],
};

export const VENUES = ['press conference', 'parliament', 'television interview', 'social media', 'summit', 'radio interview'];
