// Benign near-misses written for Rampart: sentences ABOUT AI, rules, restrictions and instructions — news,
// opinions, questions, everyday "without rules" — in the eight languages the persona rules cover. The
// training rows only show "AI without rules" inside jailbreaks, so without these a learner takes the phrase
// itself (and the rule signals it fires) as proof of an attack, and flags "La IA sin reglas claras es un
// riesgo". What makes the attack — a persona assigned to the model, addressed in the second person — is
// absent from every sentence here. Seeded: the same PRNG gives the same sentences.
import type { Prng } from '../../src/model/prng.js';

interface Table {
  /** Sentence templates; {ai} {rules} {without} are filled from the lists below. */
  templates: readonly string[];
  ai: readonly string[];
  rules: readonly string[];
}

const TABLES: Readonly<Record<string, Table>> = {
  en: {
    templates: [
      '{ai} {without} clear {rules} is a real risk for hospitals.',
      'Experts warn that {ai} {without} {rules} could spread misinformation.',
      'Should {ai} be allowed to operate {without} {rules}?',
      'The new law sets {rules} for {ai} used in schools.',
      'Kids often make up games {without} {rules} and still have fun.',
      'A city {without} traffic {rules} would be chaos.',
      'Our team works {without} fixed {rules} on Fridays.',
      'Why do people think {ai} needs {rules} at all?',
      'The article compares {ai} {without} {rules} to a car without brakes.',
      'Regulators published {rules} for {ai} chatbots last week.',
    ],
    ai: ['AI', 'an AI system', 'artificial intelligence', 'a chatbot', 'a language model'],
    rules: ['rules', 'restrictions', 'limits', 'safeguards', 'guidelines'],
  },
  de: {
    templates: [
      'Eine {ai} {without} klare {rules} ist ein echtes Risiko.',
      'Fachleute warnen, dass {ai} {without} {rules} Falschinformationen verbreiten könnte.',
      'Sollte {ai} {without} {rules} arbeiten dürfen?',
      'Das neue Gesetz legt {rules} für {ai} in Schulen fest.',
      'Kinder spielen oft {without} {rules} und haben trotzdem Spaß.',
      'Eine Stadt {without} Verkehrsregeln wäre Chaos.',
      'Am Freitag arbeitet unser Team {without} feste {rules}.',
      'Der Artikel vergleicht {ai} {without} {rules} mit einem Auto ohne Bremsen.',
    ],
    ai: ['KI', 'die KI', 'künstliche Intelligenz', 'ein Chatbot'],
    rules: ['Regeln', 'Einschränkungen', 'Grenzen', 'Vorgaben'],
  },
  fr: {
    templates: [
      'Une {ai} {without} {rules} claires est un vrai risque pour les hôpitaux.',
      'Les experts craignent qu’une {ai} {without} {rules} diffuse de fausses informations.',
      'Faut-il laisser une {ai} fonctionner {without} {rules} ?',
      'La nouvelle loi fixe des {rules} pour l’{ai} à l’école.',
      'Les enfants inventent des jeux {without} {rules} et s’amusent quand même.',
      'Une ville {without} code de la route serait le chaos.',
      'L’article compare une {ai} {without} {rules} à une voiture sans freins.',
    ],
    ai: ['IA', 'intelligence artificielle'],
    rules: ['règles', 'limites', 'restrictions', 'garde-fous'],
  },
  es: {
    templates: [
      'Una {ai} {without} {rules} claras sería un peligro para la sociedad.',
      'Los expertos advierten que una {ai} {without} {rules} podría difundir bulos.',
      '¿Debería funcionar la {ai} {without} {rules}?',
      'La nueva ley fija {rules} para la {ai} en los colegios.',
      'Los niños juegan {without} {rules} fijas y se divierten igual.',
      'Una ciudad {without} normas de tráfico sería un caos.',
      'El artículo compara una {ai} {without} {rules} con un coche sin frenos.',
      'Nuestro equipo trabaja {without} {rules} fijas los viernes.',
    ],
    ai: ['IA', 'inteligencia artificial'],
    rules: ['reglas', 'límites', 'restricciones', 'normas'],
  },
  it: {
    templates: [
      'Un’{ai} {without} {rules} chiare è un rischio reale.',
      'Gli esperti temono che un’{ai} {without} {rules} diffonda notizie false.',
      'Si dovrebbe lasciare lavorare l’{ai} {without} {rules}?',
      'La nuova legge fissa {rules} per l’{ai} nelle scuole.',
      'In vacanza mangiamo {without} orari e {without} {rules} precise.',
      'I bambini giocano {without} {rules} e si divertono lo stesso.',
      'L’articolo paragona un’{ai} {without} {rules} a un’auto senza freni.',
    ],
    ai: ['IA', 'intelligenza artificiale'],
    rules: ['regole', 'limiti', 'restrizioni'],
  },
  pt: {
    templates: [
      'Uma {ai} {without} {rules} claras é um risco real.',
      'Especialistas alertam que uma {ai} {without} {rules} pode espalhar desinformação.',
      'A {ai} deveria funcionar {without} {rules}?',
      'A nova lei define {rules} para a {ai} nas escolas.',
      'As crianças brincam {without} {rules} e se divertem mesmo assim.',
      'O artigo compara uma {ai} {without} {rules} a um carro sem freios.',
    ],
    ai: ['IA', 'inteligência artificial'],
    rules: ['regras', 'limites', 'restrições'],
  },
  nl: {
    templates: [
      'Een {ai} {without} duidelijke {rules} is een echt risico.',
      'Experts waarschuwen dat {ai} {without} {rules} desinformatie kan verspreiden.',
      'Mag {ai} {without} {rules} werken?',
      'De nieuwe wet stelt {rules} op voor {ai} in scholen.',
      'Kinderen spelen vaak {without} {rules} en hebben toch plezier.',
    ],
    ai: ['AI', 'kunstmatige intelligentie'],
    rules: ['regels', 'beperkingen', 'grenzen'],
  },
  ru: {
    templates: [
      '{ai} {without} чётких {rules} — это серьёзный риск.',
      'Эксперты предупреждают, что {ai} {without} {rules} может распространять ложь.',
      'Можно ли разрешать {ai} работать {without} {rules}?',
      'Новый закон вводит {rules} для {ai} в школах.',
      'Дети часто играют {without} {rules} и всё равно веселятся.',
    ],
    ai: ['ИИ', 'искусственный интеллект', 'чат-бот'],
    rules: ['правил', 'ограничений', 'запретов'],
  },
};

const WITHOUT: Readonly<Record<string, string>> = {
  en: 'without',
  de: 'ohne',
  fr: 'sans',
  es: 'sin',
  it: 'senza',
  pt: 'sem',
  nl: 'zonder',
  ru: 'без',
};

export const NEAR_MISS_LANGS = Object.keys(TABLES);

/** One benign near-miss sentence in `lang` (a key of the tables). */
export function nearMiss(lang: string, rng: Prng): string {
  const t = TABLES[lang]!;
  return rng
    .pick(t.templates)
    .replaceAll('{ai}', rng.pick(t.ai))
    .replaceAll('{rules}', rng.pick(t.rules))
    .replaceAll('{without}', WITHOUT[lang]!);
}
