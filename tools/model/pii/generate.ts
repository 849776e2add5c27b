// Training and evaluation sentences for the PII token tagger (src/scanners/pii/tagger.ts): carrier
// templates (forms, e-mails, chat, shipping notes, CSV/JSON/YAML records, letters; English, German,
// French, Spanish, Italian, Portuguese, Dutch) filled with names, street addresses and distractors
// (companies, products, job titles, cities, weekdays) drawn from @faker-js/faker's locales, with gold
// character spans for every person name (PER) and street address (ADR).
//
// Locales and templates each come in two families: the shipped model trains on the TRAIN templates of
// every locale; the out-of-family evaluation (oof.ts) trains on TRAIN locales × TRAIN templates with a
// lexicon of TRAIN locales only, and scores HELDOUT locales × HELDOUT templates, which it never saw.
// faker is a dev dependency: nothing here is imported at run time.
import { Faker, allLocales, type LocaleDefinition } from '@faker-js/faker';
import { mulberry32, type Prng } from '../../../src/model/prng.js';

export type Kind = 'PER' | 'ADR';
export interface GoldSpan {
  kind: Kind;
  start: number;
  end: number;
}
export interface Example {
  text: string;
  spans: GoldSpan[];
  /** Stretches whose tags are unknown: training neither rewards nor penalises them (real text's names). */
  unlabeled?: Array<{ start: number; end: number }>;
  locale: string;
  template: string;
}

/** Locales whose names and streets are written in Latin, Cyrillic or Greek script. */
export const TRAIN_LOCALES = [
  'en',
  'en_US',
  'en_GB',
  'en_AU',
  'en_CA',
  'en_IE',
  'en_NG',
  'en_GH',
  'en_ZA',
  'de',
  'de_AT',
  'de_CH',
  'fr',
  'fr_BE',
  'fr_CA',
  'fr_SN',
  'es',
  'es_MX',
  'it',
  'pt_BR',
  'pt_PT',
  'nl',
  'nl_BE',
  'sv',
  'da',
  'nb_NO',
  'ro',
  'hr',
  'sk',
  'sl_SI',
  'ru',
  'el',
  'af_ZA',
  'az',
  'eo',
] as const;
/** Never seen by the out-of-family model: other name origins and other address formats. */
export const HELDOUT_LOCALES = [
  'fi',
  'hu',
  'vi',
  'yo_NG',
  'zu_ZA',
  'tr',
  'pl',
  'cs_CZ',
  'id_ID',
  'en_IN',
  'lv',
  'uk',
  'sr_RS_latin',
  'cy',
  'ro_MD',
  'fr_CH',
] as const;
export const ALL_LOCALES: readonly string[] = [...TRAIN_LOCALES, ...HELDOUT_LOCALES];

const fakers = new Map<string, Faker>();
export function fakerFor(locale: string): Faker {
  let f = fakers.get(locale);
  if (!f) {
    const def = (allLocales as Record<string, LocaleDefinition>)[locale];
    if (!def) throw new Error(`unknown faker locale ${locale}`);
    f = new Faker({ locale: [def, allLocales.en, allLocales.base] });
    fakers.set(locale, f);
  }
  return f;
}

// ---- values ----

type Slot =
  | 'name'
  | 'first'
  | 'last'
  | 'title_last'
  | 'street'
  | 'address'
  | 'city'
  | 'country'
  | 'company'
  | 'product'
  | 'job'
  | 'email'
  | 'phone'
  | 'weekday'
  | 'month'
  | 'number'
  | 'zip'
  | 'ssn'
  | 'card'
  | 'iban'
  | 'date'
  | 'ip'
  | 'code';

const SLOT_KIND: Partial<Record<Slot, Kind>> = {
  name: 'PER',
  first: 'PER',
  last: 'PER',
  title_last: 'PER',
  street: 'ADR',
  address: 'ADR',
};

function safe(fn: () => string, fallback: string): string {
  try {
    const v = fn();
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : fallback;
  } catch {
    return fallback;
  }
}

function fullAddress(f: Faker, r: Prng): string {
  const street = safe(() => f.location.streetAddress(r.next() < 0.25), '12 High Street');
  const city = safe(() => f.location.city(), 'Springfield');
  const zip = safe(() => f.location.zipCode(), '10115');
  const state = safe(() => f.location.state({ abbreviated: true }), 'CA');
  const country = safe(() => f.location.country(), 'France');
  switch (r.int(7)) {
    case 0:
      return `${street}, ${zip} ${city}`;
    case 1:
      return `${street}, ${city}, ${state} ${zip}`;
    case 2:
      return `${street}, ${city} ${zip}`;
    case 3:
      return `${street}, ${city}`;
    case 4:
      return `${street}, ${zip} ${city}, ${country}`;
    case 5:
      return `${street}\n${zip} ${city}`;
    default:
      return `${street}, ${city}, ${country}`;
  }
}

function value(slot: Slot, f: Faker, r: Prng): string {
  switch (slot) {
    case 'name': {
      const x = r.next();
      const v =
        x < 0.6
          ? safe(() => f.person.fullName(), 'Anna Berg')
          : x < 0.9
            ? firstLast(f)
            : `${safe(() => f.person.firstName(), 'Anna')} ${String.fromCharCode(65 + r.int(26))}. ${safe(() => f.person.lastName(), 'Berg')}`;
      return caseVariant(v, r);
    }
    case 'first':
      return caseVariant(
        safe(() => f.person.firstName(), 'Anna'),
        r,
      );
    case 'last':
      return safe(() => f.person.lastName(), 'Berg');
    case 'title_last':
      return `${safe(() => f.person.prefix(), 'Dr.')} ${safe(() => f.person.lastName(), 'Berg')}`;
    case 'street':
      return safe(() => f.location.streetAddress(r.next() < 0.3), '12 High Street');
    case 'address':
      return fullAddress(f, r);
    case 'city':
      return r.next() < 0.3 ? r.pick(WORLD_CITIES) : safe(() => f.location.city(), 'Springfield');
    case 'country':
      return safe(() => f.location.country(), 'Canada');
    case 'company':
      return r.next() < 0.3 ? r.pick(BRANDS) : safe(() => f.company.name(), 'Acme Corp');
    case 'product':
      return r.next() < 0.2 ? r.pick(BRANDS) : safe(() => f.commerce.productName(), 'Granite Chair');
    case 'job':
      return safe(() => f.person.jobTitle(), 'Senior Engineer');
    case 'email':
      return safe(() => f.internet.email(), 'someone@example.com');
    case 'phone':
      return safe(() => f.phone.number(), '+1 555 0100');
    case 'weekday':
      return safe(() => f.date.weekday(), 'Monday');
    case 'month':
      return safe(() => f.date.month(), 'March');
    case 'number':
      return String(1 + r.int(9999));
    case 'zip':
      return safe(() => f.location.zipCode(), '10115');
    case 'ssn':
      return `${100 + r.int(800)}-${10 + r.int(89)}-${1000 + r.int(8999)}`;
    case 'card':
      return safe(() => f.finance.creditCardNumber(), '4111 1111 1111 1111');
    case 'iban':
      return safe(() => f.finance.iban({ formatted: true }), 'DE89 3704 0044 0532 0130 00');
    case 'date':
      return `${1 + r.int(28)}/${1 + r.int(12)}/${1950 + r.int(70)}`;
    case 'ip':
      return `${1 + r.int(223)}.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
    case 'code':
      return `${String.fromCharCode(65 + r.int(26), 65 + r.int(26))}${r.int(10_000)}`;
  }
}

/** Real cities, which faker's locales mostly replace by invented ones; also in the city lexicon. */
export const WORLD_CITIES = [
  'Berlin',
  'Paris',
  'London',
  'Madrid',
  'Lisbon',
  'Rome',
  'Tokyo',
  'New York',
  'Chicago',
  'Toronto',
  'Sydney',
  'Mumbai',
  'Lagos',
  'Nairobi',
  'Cairo',
  'São Paulo',
  'Mexico City',
  'Warsaw',
  'Prague',
  'Vienna',
  'Amsterdam',
  'Brussels',
  'Dublin',
  'Stockholm',
  'Oslo',
  'Helsinki',
  'Istanbul',
  'Athens',
  'Seoul',
  'Beijing',
  'Shanghai',
  'Singapore',
  'Jakarta',
  'Manila',
  'Hanoi',
  'Bangkok',
  'Dubai',
  'Johannesburg',
  'Buenos Aires',
  'Bogotá',
  'Lima',
  'Santiago',
  'Zurich',
  'Geneva',
  'Munich',
  'Hamburg',
  'Milan',
  'Barcelona',
  'Lyon',
  'Marseille',
  'Boston',
  'Seattle',
  'San Francisco',
  'Los Angeles',
  'Montreal',
  'Vancouver',
  'Melbourne',
  'Auckland',
  'Cape Town',
  'Accra',
  'Kyiv',
  'Budapest',
  'Bucharest',
  'Copenhagen',
  'Edinburgh',
  'Manchester',
  'Frankfurt',
  'Cologne',
  'Naples',
  'Porto',
  'Seville',
  'Valencia',
  'Krakow',
  'Riga',
  'Vilnius',
  'Tallinn',
  'Delhi',
  'Bangalore',
  'Karachi',
  'Dhaka',
  'Lahore',
  'Tehran',
  'Riyadh',
  'Doha',
  'Tel Aviv',
  'Casablanca',
  'Tunis',
  'Addis Ababa',
];

/** Well-known companies and products: capitalised words that are neither people nor places. */
export const BRANDS = [
  'Microsoft',
  'Google',
  'Amazon',
  'Apple',
  'Netflix',
  'Siemens',
  'Toyota',
  'Samsung',
  'Oracle',
  'IBM',
  'Intel',
  'Nvidia',
  'Spotify',
  'Airbnb',
  'Uber',
  'Tesla',
  'Adobe',
  'Salesforce',
  'SAP',
  'Shopify',
  'Slack',
  'Zoom',
  'GitHub',
  'Kubernetes',
  'Postgres',
  'Docker',
  'Linux',
  'Windows',
  'Android',
  'iPhone',
  'Excel',
  'Outlook',
  'Teams',
  'Jira',
  'Confluence',
  'Stripe',
  'PayPal',
  'Visa',
  'Mastercard',
  'DHL',
  'FedEx',
  'UPS',
  'Lufthansa',
  'Ryanair',
  'IKEA',
  'Nestlé',
  'Unilever',
  'Philips',
  'Bosch',
  'Volkswagen',
  'Mercedes-Benz',
  'BMW',
  'Renault',
  'Peugeot',
  'Fiat',
  'Ferrari',
  'Zara',
  'Carrefour',
  'Walmart',
  'Target',
  'Costco',
  'Starbucks',
  'McDonald’s',
  'Coca-Cola',
  'Pepsi',
  'Heineken',
  'Allianz',
  'AXA',
  'HSBC',
  'Barclays',
  'Santander',
  'Deutsche Bank',
  'Vodafone',
  'Orange',
  'Telefónica',
  'Huawei',
  'Xiaomi',
  'Sony',
  'Nintendo',
  'Canon',
  'Nikon',
  'Dropbox',
  'Notion',
  'Figma',
  'Trello',
  'Asana',
  'Twitter',
  'LinkedIn',
  'WhatsApp',
];

const firstLast = (f: Faker): string =>
  `${safe(() => f.person.firstName(), 'Anna')} ${safe(() => f.person.lastName(), 'Berg')}`;

/** Now and then a name is typed in lower case or capitals, as people do in chat and forms. */
function caseVariant(v: string, r: Prng): string {
  const x = r.next();
  return x < 0.04 ? v.toLowerCase() : x < 0.06 ? v.toUpperCase() : v;
}

// ---- templates ----

export interface Template {
  id: string;
  text: string;
}

// Frames: sentences with slots. {P} is a person in one of four forms (full name, first name, title and
// last name, last name), {A} a street address alone or with postcode, city and country. A carrier joins
// one to three frames, or is a record (form lines, JSON, CSV, YAML, a table row, key=value pairs) with
// field labels in several languages. Every fourth frame, two record formats and a third of the field
// labels are held out: the out-of-family evaluation renders only those.
const NAME_FRAMES = [
  'My name is {P}.',
  'Hi, I am {P} and I need help with my order.',
  'Please contact {P} about the invoice.',
  "{P}'s account was locked this morning.",
  'This request was submitted by {P}.',
  'Dear {P},',
  'Thanks, {P}',
  'Kind regards,\n{P}',
  'cc: {P}',
  'Forwarded on behalf of {P}.',
  '{P} will join the call on {weekday}.',
  'I spoke with {P} yesterday.',
  'Assigned to: {P}',
  'The patient, {P}, was discharged on {weekday}.',
  'Can you send the contract to {P}?',
  '{P} wrote: the {product} is broken again.',
  'Our {job}, {P}, approved the refund.',
  'Reference letter for {P}, {job} at {company}.',
  'Bonjour {P}, votre commande est prête.',
  'Je m’appelle {P}.',
  'Merci de transmettre le dossier à {P}.',
  'Cordialement,\n{P}',
  'Hallo {P}, Ihre Bestellung ist unterwegs.',
  'Ich heiße {P}.',
  'Bitte wenden Sie sich an {P}.',
  'Viele Grüße\n{P}',
  'Hola {P}, gracias por su compra.',
  'Me llamo {P}.',
  'El titular de la cuenta es {P}.',
  'Saludos,\n{P}',
  'Ciao {P}, il pacco è in consegna.',
  'Mi chiamo {P}.',
  'Il cliente {P} ha chiesto un rimborso.',
  'Olá {P}, o seu pedido foi enviado.',
  'Meu nome é {P}.',
  'O titular é {P}.',
  'Beste {P}, uw bestelling is verzonden.',
  'Mijn naam is {P}.',
  'The booking is under the name {P}.',
  '{P} and {P} are on the guest list.',
  'Signed: {P}',
  'Passenger {P} checked in at gate 12.',
  'Tenant {P} reported a leak.',
  'Ask {P} to call back before {weekday}.',
  'Order placed by {P} on {weekday}.',
  'According to {P}, the {product} never arrived.',
  'Herr {P} hat angerufen.',
  'Mme {P} a rappelé ce matin.',
];
const ADDRESS_FRAMES = [
  'I live at {A}.',
  'Please ship it to {A}.',
  'My new address is {A}.',
  'The parcel was delivered to {A}.',
  'Billing address: {A}',
  'Send the documents to {A} by {weekday}.',
  'We moved to {A} in {month}.',
  'Pick-up point: {A}',
  'The office is at {A}.',
  'Return the {product} to {A}.',
  'Home address: {A}',
  'The meeting will take place at {A}.',
  'Ich wohne in der {A}.',
  'Lieferadresse: {A}',
  'Bitte senden Sie die Unterlagen an {A}.',
  'Notre nouvelle adresse est {A}.',
  'Adresse de livraison : {A}',
  'Vivo en {A}.',
  'Envíe el paquete a {A}.',
  'Abito in {A}.',
  'Indirizzo di spedizione: {A}',
  'Moro na {A}.',
  'Ons adres is {A}.',
  'Shipping to {A}, please leave it at the door.',
  'Correct address on file is {A}, not the old one.',
  'Visit us at {A}!',
];
const BOTH_FRAMES = [
  '{P} lives at {A}.',
  'Ship to: {P}, {A}',
  '{P}\n{A}',
  'Deliver to {P} at {A}.',
  'Please update the address for {P} to {A}.',
  '{P} moved to {A} last year.',
  'Recipient: {P}, {A}',
  'Lieferung an {P}, {A}.',
  'Envoyer à {P}, {A}.',
  'Enviar a {P}, {A}.',
  'Spedire a {P}, {A}.',
  'The package for {P} was left at {A}.',
  '{P} ({A}) called about the {product}.',
  'Mail for {P} goes to {A} from {month} on.',
  'Mi chiamo {P} e abito in {A}.',
  'Ich heiße {P} und wohne in der {A}.',
  "Je m'appelle {P} et j'habite au {A}.",
  'Me llamo {P} y vivo en {A}.',
  'My name is {P}, I live at {A}.',
  'Chamo-me {P} e moro na {A}.',
];
const FILLER_FRAMES = [
  'Our {city} store opens on {weekday}.',
  'The {product} from {company} is back in stock.',
  'Open position: {job} at {company} in {city}.',
  'Shipping to {country} takes {number} days.',
  'The {month} report is attached.',
  'Top sellers: {product} and {product}.',
  '{company} announced a new office in {city}.',
  'Flights from {city} to {city} are cheaper in {month}.',
  'The conference in {city}, {country} starts on {weekday}.',
  'Thank you for choosing {company}.',
  'Your {product} order #{number} has shipped.',
  'Please reply before {weekday}.',
  'SSN {ssn}, DOB {date}.',
  'Card {card}, exp 09/{number}, CVV {number}.',
  'IBAN {iban} (BIC {code}).',
  'Login from {ip} at 03:14 UTC.',
  'Invoice {code}-{number} is due on {date}.',
  'Flight {code} departs from gate B{number}.',
  'Error {number} in build {code}, see ticket {code}.',
  'Version {number}.2 of the {product} ships on {date}.',
  'Room {number}, floor {number}, building {code}.',
  'Reference: {code} / {number}',
  'Total: {number} EUR, VAT {number}%.',
  'Call +1 {number} {number} or fax {number}.',
  'We flew from {city} to {city} on {weekday}.',
  'I grew up in {city} and studied in {city}.',
  'Trains to {city} are delayed this {weekday}.',
  'The {company} office in {city} is closed in {month}.',
  'She moved from {country} to {city} for work.',
  'Our team in {city} met the {company} people from {city}.',
  'Wir fliegen am {weekday} von {city} nach {city}.',
  'Le train pour {city} part de {city} à midi.',
  'El vuelo de {city} a {city} sale el {weekday}.',
  'The Sales team and the Support team meet in {city}.',
  'Please review the Quarterly Report before {weekday}.',
  'New York and Paris are both on the list.',
  'Windows Update failed with error {number}.',
  'The Amazon and the Nile are long rivers.',
  'Call Center hours: Monday to Friday.',
  'Die {product} von {company} ist wieder da.',
  'La réunion de {month} est annulée.',
  'El informe de {month} está listo.',
  'Google Chrome and Microsoft Edge both support it.',
];

/**
 * Frames only the training family uses (never held out): more verbs, prepositions and positions around a
 * name, so that the tagger learns a name from its shape and neighbours rather than from a few cue phrases.
 */
const TRAIN_ONLY_NAME_FRAMES = [
  'Yesterday {P} told me the {product} was late.',
  'We are waiting for {P} to confirm.',
  'The ticket is owned by {P} now.',
  'Met {P} at the {city} office.',
  'Has anyone heard from {P}?',
  'Invite {P} and {P} to the review.',
  'Happy birthday, {P}!',
  'Congratulations to {P} on the promotion.',
  'Call me back, {P}, when you can.',
  'Photo by {P}',
  'Written by {P} for {company}.',
  'Interview with {P}, {job}.',
  'Author: {P}',
  'Witness: {P}',
  'Approved by {P} on {date}.',
  'From: {P} <{email}>',
  'To: {P}',
  '— {P}',
  'Best,\n{P}\n{job}',
  'As {P} explained, the {product} needs a reset.',
  'Lunch with {P} on {weekday}?',
  'Grüße an {P} und die Familie.',
  'Termin mit {P} am {weekday}.',
  'Rendez-vous avec {P} {weekday}.',
  'Merci {P} pour ton aide.',
  'Reunión con {P} el {weekday}.',
  'Gracias, {P}, por todo.',
  'Grazie {P} per la pazienza.',
  'Obrigado, {P}.',
  'Afspraak met {P} op {weekday}.',
  'Tak, {P}!',
  'Spotkanie z {P} w {weekday}.',
  '{P} is out of office until {weekday}.',
  '{P} ({email}) asked for a refund.',
  '{P}, {job}, {company}',
  'Both {P} and {P} signed the lease.',
  'Parent or guardian: {P}',
  'Emergency contact: {P}, {phone}',
  'Driver {P} picked up the parcel.',
  'Agent {P} closed the case.',
];
const TRAIN_ONLY_ADDRESS_FRAMES = [
  'Our warehouse moved to {A}.',
  'Return label: {A}',
  'Correspondence address: {A}',
  'Deliver after 5 pm to {A}.',
  'Registered office: {A}',
  'Wohnhaft: {A}',
  'Domicile : {A}',
  'Residencia: {A}',
  'Ship from {A} to {A}.',
  'Invoice sent to {A}, attention of {P}.',
];

const NAME_LABELS = [
  'Name',
  'Full name',
  'Customer',
  'Contact',
  'Recipient',
  'Patient',
  'Employee',
  'Nom',
  'Nombre',
  'Kunde',
  'Cliente',
  'Naam',
  'name',
  'customer_name',
  'fullName',
  'Account holder',
  'Passenger',
  'Titulaire',
];
const ADDRESS_LABELS = [
  'Address',
  'Street',
  'Adresse',
  'Dirección',
  'Anschrift',
  'Indirizzo',
  'Endereço',
  'address',
  'street_address',
  'home_address',
  'Billing address',
  'Shipping address',
  'Adres',
  'Domicilio',
];
const OTHER_FIELDS: ReadonlyArray<[string, string]> = [
  ['Email', '{email}'],
  ['Phone', '{phone}'],
  ['City', '{city}'],
  ['Company', '{company}'],
  ['Product', '{product}'],
  ['Job title', '{job}'],
  ['Country', '{country}'],
  ['Order', '{number}'],
  ['Ville', '{city}'],
  ['Telefon', '{phone}'],
];
type Format = 'lines' | 'json' | 'csv' | 'kv' | 'row' | 'yaml' | 'table';

export interface Family {
  name: string;
  frames: { name: string[]; address: string[]; both: string[]; filler: string[] };
  nameLabels: string[];
  addressLabels: string[];
  formats: Format[];
}

const part = <T>(xs: readonly T[], heldOut: boolean): T[] => xs.filter((_, i) => (i % 4 === 3) === heldOut);

function family(name: string, heldOut: boolean): Family {
  return {
    name,
    frames: {
      name: [...part(NAME_FRAMES, heldOut), ...(heldOut ? [] : TRAIN_ONLY_NAME_FRAMES)],
      address: [...part(ADDRESS_FRAMES, heldOut), ...(heldOut ? [] : TRAIN_ONLY_ADDRESS_FRAMES)],
      both: part(BOTH_FRAMES, heldOut),
      filler: part(FILLER_FRAMES, heldOut),
    },
    nameLabels: NAME_LABELS.filter((_, i) => (i % 3 === 2) === heldOut),
    addressLabels: ADDRESS_LABELS.filter((_, i) => (i % 3 === 2) === heldOut),
    formats: heldOut ? ['yaml', 'table'] : ['lines', 'json', 'csv', 'kv', 'row'],
  };
}

/** Carriers the shipped model and the out-of-family model train on. */
export const TRAIN_TEMPLATES: Family = family('train', false);
/** Carriers only the out-of-family evaluation uses. */
export const HELDOUT_TEMPLATES: Family = family('heldout', true);

function record(f: Family, r: Prng): Template {
  const fields: Array<[string, string]> = [];
  fields.push([r.pick(f.nameLabels), '{P}']);
  if (r.next() < 0.8) fields.push([r.pick(f.addressLabels), '{A}']);
  for (let i = r.int(3); i > 0; i--) fields.push(r.pick(OTHER_FIELDS));
  r.shuffle(fields);
  const format = r.pick(f.formats);
  const esc = (v: string): string => v;
  let text: string;
  switch (format) {
    case 'lines':
      text = fields.map(([k, v]) => `${k}: ${v}`).join('\n');
      break;
    case 'json':
      text = `{${fields.map(([k, v]) => `"${k}": "${esc(v)}"`).join(', ')}}`;
      break;
    case 'csv':
      text = `${fields.map(([k]) => k).join(',')}\n${fields.map(([, v]) => (v === '{A}' ? `"${v}"` : v)).join(',')}`;
      break;
    case 'kv':
      text = fields.map(([k, v]) => `${k}=${v}`).join('; ');
      break;
    case 'row':
      // Values only, no labels (a spreadsheet row pasted as text): the name is known by its shape alone.
      text = fields.map(([, v]) => v).join(r.pick(['\t', '; ', ' / ', ' - ']));
      break;
    case 'yaml':
      text = `record:\n${fields.map(([k, v]) => `  ${k}: ${v}`).join('\n')}`;
      break;
    case 'table':
      text = `| ${fields.map(([, v]) => v).join(' | ')} |`;
      break;
  }
  return { id: `rec-${format}`, text };
}

/** One carrier: a record, or one to three frames joined by a blank or a line break. */
export function carrier(f: Family, r: Prng): Template {
  if (r.next() < 0.3) return record(f, r);
  const pool = [f.frames.name, f.frames.address, f.frames.both, f.frames.filler];
  const weights = [0.35, 0.25, 0.25, 0.15];
  const parts: string[] = [];
  for (let k = 1 + r.int(3); k > 0; k--) {
    let x = r.next();
    let i = 0;
    while (i < 3 && x >= weights[i]!) x -= weights[i++]!;
    parts.push(r.pick(pool[i]!));
  }
  return { id: 'frames', text: parts.join(r.next() < 0.7 ? ' ' : '\n') };
}

const SLOT = /\{([a-zA-Z_]+)\}/g;

function pickSlot(name: string, r: Prng): Slot {
  if (name === 'P') {
    const x = r.next();
    return x < 0.6 ? 'name' : x < 0.75 ? 'first' : x < 0.9 ? 'title_last' : 'last';
  }
  if (name === 'A') return r.next() < 0.4 ? 'street' : 'address';
  return name as Slot;
}

/** Renders one template with values from one locale; gold spans cover the PER and ADR values. */
export function render(template: Template, locale: string, r: Prng): Example {
  const f = fakerFor(locale);
  let text = '';
  const spans: GoldSpan[] = [];
  let last = 0;
  SLOT.lastIndex = 0;
  for (let m = SLOT.exec(template.text); m !== null; m = SLOT.exec(template.text)) {
    text += template.text.slice(last, m.index);
    last = m.index + m[0].length;
    const slot = pickSlot(m[1]!, r);
    let v = value(slot, f, r);
    // A value inside a JSON string or CSV cell keeps to one line.
    if (template.id !== 'frames' && template.id !== 'rec-lines') v = v.replace(/\n/g, ', ');
    const kind = SLOT_KIND[slot];
    const prior = spans.at(-1);
    // A city, postcode or country right after an address (", " or a line break between) is part of it.
    if (
      !kind &&
      (slot === 'city' || slot === 'zip' || slot === 'country') &&
      prior?.kind === 'ADR' &&
      /^(?:,? |\n)$/.test(text.slice(prior.end))
    )
      prior.end = text.length + v.length;
    if (kind) spans.push({ kind, start: text.length, end: text.length + v.length });
    text += v;
  }
  text += template.text.slice(last);
  return { text, spans, locale, template: template.id };
}

/** n examples, cycling deterministically over locales and templates from the seed. */
export function generate(n: number, locales: readonly string[], templates: Family, seed: number): Example[] {
  const r = mulberry32(seed);
  const out: Example[] = [];
  for (const l of locales) fakerFor(l).seed(seed);
  for (let i = 0; i < n; i++) {
    const locale = locales[r.int(locales.length)]!;
    out.push(render(carrier(templates, r), locale, r));
  }
  return out;
}

// ---- lexicon ----

type LexName = 'first' | 'last' | 'street' | 'city' | 'title' | 'region' | 'org';

const WORD = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{M}'’-]{2,30}$/u;

function strings(x: unknown): string[] {
  if (typeof x === 'string') return [x];
  if (Array.isArray(x)) return x.flatMap(strings);
  if (x && typeof x === 'object') return Object.values(x).flatMap(strings);
  return [];
}

/** Lowercase words of one class, as the tagger's tokenizer will see them. */
function words(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const v of values)
    for (const w of v.split(/[\s,.()/]+/u)) {
      const lw = w.toLowerCase();
      if (WORD.test(lw)) out.add(lw);
    }
  return [...out];
}

/** The tagger's lexicon from the given locales' name, street and place lists (sorted, deduplicated). */
export function compileLexicon(locales: readonly string[]): Record<LexName, string[]> {
  const acc = { first: [], last: [], street: [], city: [], title: [], region: [], org: [] } as Record<
    LexName,
    string[]
  >;
  for (const l of locales) {
    const d = (allLocales as Record<string, LocaleDefinition>)[l];
    if (!d) continue;
    const p = (d.person ?? {}) as Record<string, unknown>;
    const loc = (d.location ?? {}) as Record<string, unknown>;
    acc.first.push(...words(strings(p['first_name'])));
    acc.last.push(...words(strings(p['last_name'])));
    acc.title.push(...words(strings(p['prefix'])), ...words(strings(p['suffix'])));
    acc.street.push(
      ...words(strings(loc['street_suffix'])),
      ...words(strings(loc['street_prefix'])),
      ...words(strings(loc['secondary_address']).map((s) => s.replace(/#/g, ''))),
    );
    acc.city.push(
      ...words(strings(loc['city_name'])),
      ...words(strings(loc['city_prefix'])),
      ...words(strings(loc['city_suffix'])),
    );
    acc.region.push(...words(strings(loc['state'])), ...words(strings(loc['country'])));
  }
  acc.city.push(...words(WORLD_CITIES));
  acc.org.push(...words(BRANDS));
  const uniq = (a: string[]): string[] => [...new Set(a)].sort();
  return {
    first: uniq(acc.first),
    last: uniq(acc.last),
    street: uniq(acc.street),
    city: uniq(acc.city),
    title: uniq(acc.title),
    region: uniq(acc.region),
    org: uniq(acc.org),
  };
}

/** The locales' weekday and month names, lower case (capitalised, they are still not names). */
export function calendarWords(locales: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of locales) {
    const d = (allLocales as Record<string, LocaleDefinition>)[l];
    if (d?.date) out.push(...words(strings(d.date.weekday)), ...words(strings(d.date.month)));
  }
  return [...new Set(out)].sort();
}
