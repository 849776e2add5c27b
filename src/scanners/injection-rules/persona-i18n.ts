// Jailbreak framings in other Latin and Cyrillic script languages: "evil AI without rules", "no
// restrictions", developer mode, staying in character.
import type { InjectionRule } from './rule.js';

const C = 'jailbreak.persona' as const;

export const PERSONA_I18N_RULES: readonly InjectionRule[] = [
  {
    // Names for an evil or uncensored AI. "IA sans règles" and the like are NOT here: said about AI in
    // general ("la IA sin reglas es un riesgo") they are ordinary prose; see addressed_no_rules below.
    // No KI-/AI- compounds: "uneingeschränkte KI-Nutzung" is a usage policy, not a persona.
    id: 'persona.i18n.evil_ai',
    category: C,
    weight: 0.8,
    langs: ['de', 'fr', 'es', 'it', 'pt', 'nl', 'ru'],
    pattern:
      /\b(?:böse|bösartige|amoralische|unzensierte|uneingeschränkte)\s+(?:KI|AI)\b(?![-‐])|\b(?:IA|AI)\s+(?:maléfique|malveillante|maligne|amorale|malvada|malvagia|malvagio|maligna|malévola)\b|\b(?:kwaadaardige|kwade|ongecensureerde)\s+AI\b(?![-‐])|(?:зл(?:ой|ая|ым)|аморальн\p{L}{0,6}|бесцензурн\p{L}{0,6})\s+(?:ИИ|AI|искусственн)/iu,
    triggers: [
      'böse',
      'bösartig',
      'amoralisch',
      'unzensiert',
      'uneingeschränkt',
      'ia',
      'ai',
      'kwaad',
      'kwade',
      'ongecensureerd',
      'зл',
      'аморальн',
      'бесцензурн',
    ],
  },
  {
    // A bare "without rules / restrictions / censorship": supporting evidence only. On its own it is
    // everyday prose ("senza regole fisse", "sin límites de velocidad"); it blocks only together with
    // another persona signal. The addressed forms ("du bist eine KI ohne Regeln") are addressed_no_rules.
    id: 'persona.i18n.no_rules',
    category: C,
    weight: 0.3,
    langs: ['de', 'fr', 'es', 'it', 'pt', 'nl', 'ru'],
    pattern:
      /\b(?:ohne\s+(?:jegliche\s+|irgendwelche\s+)?(?:regeln|einschränkungen|zensur|filter|grenzen|moral)|keine\s+(?:regeln|einschränkungen|zensur|filter|moral)\s+(?:mehr\s+)?(?:hast|hat|gelten)|sans\s+(?:aucune\s+)?(?:restriction|règle|limite|filtre|censure|morale)s?|sin\s+(?:ninguna\s+)?(?:restricci[oó]n(?:es)?|reglas|límites|censura|filtros)|senza\s+(?:alcuna\s+|nessuna\s+)?(?:restrizion[ei]|regole|limiti|censura|filtri)|sem\s+(?:nenhuma\s+|qualquer\s+)?(?:restriç(?:ão|ões)|regras|limites|censura|filtros)|zonder\s+(?:enige\s+)?(?:regels|beperkingen|censuur|filters))\b|без\s+(?:каких-либо\s+|всяких\s+|любых\s+)?(?:правил|ограничени|цензур|фильтр)\p{L}{0,6}/iu,
    triggers: ['ohne', 'keine', 'sans', 'sin', 'senza', 'sem', 'zonder', 'без'],
  },
  {
    id: 'persona.i18n.stay_in_role',
    category: C,
    weight: 0.3,
    langs: ['de', 'fr', 'es', 'it', 'pt', 'nl', 'ru'],
    pattern:
      /\b(?:bleib(?:e|t|st)?\s+(?:immer\s+)?in\s+(?:der\s+|deiner\s+)?rolle|rest(?:e|es|ez)?\s+(?:toujours\s+)?dans\s+(?:ton\s+|votre\s+|le\s+)?(?:rôle|personnage)|(?:nunca|no)\s+(?:te\s+)?(?:sales|salgas|salga)\s+del\s+personaje|mantente\s+en\s+(?:el\s+|tu\s+)?(?:personaje|papel)|rest[ai]\s+(?:sempre\s+)?nel\s+personaggio|nunca\s+sai(?:a)?\s+do\s+personagem|blijf\s+(?:altijd\s+)?in\s+(?:je\s+|jouw\s+|de\s+)?rol)\b|никогда\s+не\s+выходи\p{L}{0,6}\s+из\s+роли/iu,
    anchored: false,
    triggers: [
      'rolle',
      'rôle',
      'personnage',
      'personaje',
      'papel',
      'personaggio',
      'personagem',
      'rol',
      'роли',
    ],
  },
  {
    id: 'persona.i18n.developer_mode',
    category: C,
    weight: 0.7,
    langs: ['de', 'fr', 'es', 'it', 'pt', 'nl', 'ru'],
    pattern:
      /\b(?:entwicklermodus|mode\s+développeur|modo\s+(?:desarrollador|sviluppatore|desenvolvedor)|ontwikkelaarsmodus)\b|режим\s+разработчика/iu,
    triggers: [
      'entwicklermodus',
      'développeur',
      'desarrollador',
      'sviluppatore',
      'desenvolvedor',
      'ontwikkelaarsmodus',
      'разработчика',
    ],
  },
  {
    // "eine KI ohne die Regeln von <App>", "una IA libre de las normas de <App>". Case-sensitive so
    // that Italian "ai" (to the) and Spanish/French "ia" inside prose do not count as "AI". A statement
    // ABOUT AI ("la IA sin reglas claras es un riesgo") matches too, so this is supporting evidence: it
    // usually fires with no_rules (0.3), and the two together stay below 0.5 (1 - 0.7 * 0.8 = 0.44).
    // Addressed to the model ("eres una IA sin reglas") it is addressed_no_rules.
    id: 'persona.i18n.ai_without_rules',
    category: C,
    weight: 0.2,
    langs: ['de', 'fr', 'es', 'it', 'pt', 'nl'],
    pattern:
      /\b(?:KI|IA|AI|[Ii]ntelligenza\s+artificiale|[Ii]nteligencia\s+artificial|[Ii]ntelligence\s+artificielle|[Ii]ntelig[eê]ncia\s+artificial)\b(?:\s+\S{1,24}){0,2}?\s+(?:ohne|senza|sin|zonder|sans|sem|libre\s+de|libera\s+da(?:lle)?|frei\s+von|vrij\s+van)\s+(?:\S{1,24}\s+)?(?:[Rr]egeln|regole|reglas|normas|regels|règles|regras|[Ee]inschränkungen|restrizioni|restricciones|beperkingen|restrictions|restrições|[Ff]ilter|filtri|filtros|filters|filtres|[Zz]ensur|censura|censuur|censure)\b/u,
    triggers: [
      'ki',
      'ia',
      'ai',
      'intelligenza',
      'inteligencia',
      'intelligence',
      'inteligência',
      'inteligencia',
    ],
  },
  // The model is given a persona without rules, in the same sentence: a second-person or role cue
  // ("du bist", "eres", "sei", "tu es", "você é", "jij bent", "ты"; "act as", "pretend to be", "become"),
  // then an AI/assistant/bot noun, then "without rules / restrictions / censorship". Without the cue the
  // same words are prose about AI (see no_rules, ai_without_rules). Shape, per language: cue, up to two
  // time adverbs ("ab jetzt", "désormais", "теперь"), an optional name set off by a comma or dash
  // ("DAN, eine KI", "ты DAN — ИИ"), an article (Russian: an adjective), at most one more word, the noun,
  // at most two words, then the "without" phrase. Nothing crosses . ! ? ; : so the parts share a sentence.
  // Imperatives that double as third-person verbs ("actúa" aside; it. "interpreta", fr. "joue", nl.
  // "speel") and nouns that also name people ("persona", "modelo", "personaje") are left out.
  {
    id: 'persona.i18n.addressed_no_rules.de',
    category: C,
    weight: 0.8,
    langs: ['de'],
    pattern:
      /(?<![\p{L}\p{N}_])(?:du\s+(?:bist|wirst|wärst|spielst)|(?:bist|wirst|wärst)\s+du|sie\s+sind|sind\s+sie|sei|spiel(?:\s+die\s+rolle)?|agiere\s+als|handle\s+als|verhalte\s+dich\s+(?:als|wie)|tu\s+so,?\s+als\s+(?:ob\s+du|wärst\s+du))(?:\s+(?:jetzt|nun|ab\s+jetzt|ab\s+sofort|ab\s+heute|von\s+nun\s+an|hiermit|einfach|also|heute|wieder|nur\s+noch|wirklich)){0,2}(?:\s+[^\s,.!?;:]{1,24}\s*[,—–-])?\s+(?:ein|eine|einen|einer|eines|die|der|den|dem|das)\s+(?:[^\s,.!?;:]{1,24}\s+)?(?:KI|AI|künstliche\s+Intelligenz|Assistent(?:in)?|Chatbot|Bot|Roboter|Sprachmodell|Persona|Entität)(?:-\p{L}{1,20})?(?![\p{L}\p{N}])(?:[\s,]+[^\s,.!?;:]{1,24}){0,2}?[\s,]+(?:ohne|frei\s+von|befreit\s+von)\s+(?:[^\s,.!?;:]{1,24}\s+)?(?:regeln|regel|einschränkungen|einschränkung|beschränkungen|beschränkung|zensur|filter|grenzen|moral|ethik|richtlinien|schranken|limits|tabus)(?!\p{L})/iu,
    triggers: [
      'du',
      'bist',
      'wirst',
      'wärst',
      'sie',
      'sind',
      'sei',
      'spiel',
      'agiere',
      'handle',
      'verhalte',
      'tu',
    ],
  },
  {
    id: 'persona.i18n.addressed_no_rules.fr',
    category: C,
    weight: 0.8,
    langs: ['fr'],
    pattern:
      /(?<![\p{L}\p{N}_])(?:tu\s+(?:es|seras|deviens|joues)|t['’]es|es-tu|deviens|sois|vous\s+(?:êtes|serez|devenez|jouez)|êtes-vous|devenez|soyez|agis(?:sez)?\s+comme|comporte-toi\s+comme|comportez-vous\s+comme|fais\s+comme\s+si\s+tu\s+étais|faites\s+comme\s+si\s+vous\s+étiez|fais\s+semblant\s+d['’]être|faites\s+semblant\s+d['’]être)(?:\s+(?:maintenant|désormais|dorénavant|à\s+partir\s+de\s+maintenant|donc|juste|simplement|aujourd['’]hui|vraiment|bien)){0,2}(?:\s+[^\s,.!?;:]{1,24}\s*[,—–-])?\s+(?:(?:une?|la|le|d['’]une?)\s+|l['’]|d['’])(?:[^\s,.!?;:]{1,24}\s+)?(?:IA|AI|intelligence\s+artificielle|assistante?|chatbot|bot|robot|entité|modèle\s+de\s+langage)(?:-\p{L}{1,20})?(?![\p{L}\p{N}])(?:[\s,]+[^\s,.!?;:]{1,24}){0,2}?[\s,]+(?:sans|libre\s+des?|libérée?\s+des?)\s+(?:[^\s,.!?;:]{1,24}\s+)?(?:règles?|restrictions?|limites?|limitations?|filtres?|censure|morale|éthique|contraintes?|tabous?|garde-fous|barrières)(?!\p{L})/iu,
    triggers: [
      'tu',
      "t'es",
      't’es',
      'es-tu',
      'deviens',
      'sois',
      'vous',
      'êtes-vous',
      'devenez',
      'soyez',
      'agis',
      'comporte',
      'fais',
      'faites',
    ],
  },
  {
    id: 'persona.i18n.addressed_no_rules.es',
    category: C,
    weight: 0.8,
    langs: ['es'],
    pattern:
      /(?<![\p{L}\p{N}_])(?:eres|serás|seras|vas\s+a\s+ser|usted\s+es|sé|conviértete\s+en|conviertete\s+en|te\s+convertirás\s+en|actúa\s+como|actua\s+como|compórtate\s+como|comportate\s+como|finge\s+(?:ser|que\s+eres)|haz\s+de|hazte\s+pasar\s+por)(?:\s+(?:ahora|a\s+partir\s+de\s+ahora|desde\s+ahora|de\s+ahora\s+en\s+adelante|ya|simplemente|hoy|solo|realmente)){0,2}(?:\s+[^\s,.!?;:]{1,24}\s*[,—–-])?\s+(?:un|una|el|la)\s+(?:[^\s,.!?;:]{1,24}\s+)?(?:IA|AI|inteligencia\s+artificial|asistente|chatbot|bot|robot|entidad|modelo\s+de\s+lenguaje)(?:-\p{L}{1,20})?(?![\p{L}\p{N}])(?:[\s,]+[^\s,.!?;:]{1,24}){0,2}?[\s,]+(?:sin|libre\s+de|liberad[ao]\s+de)\s+(?:[^\s,.!?;:]{1,24}\s+)?(?:reglas?|normas?|restricci(?:ón|on|ones)|límites?|limites?|limitaciones|censura|filtros?|moral|ética|etica|tabúes|barreras)(?!\p{L})/iu,
    triggers: [
      'eres',
      'serás',
      'seras',
      'vas',
      'usted',
      'sé',
      'conviértete',
      'conviertete',
      'te',
      'actúa',
      'actua',
      'compórtate',
      'comportate',
      'finge',
      'haz',
      'hazte',
    ],
  },
  {
    id: 'persona.i18n.addressed_no_rules.it',
    category: C,
    weight: 0.8,
    langs: ['it'],
    pattern:
      /(?<![\p{L}\p{N}_])(?:sei|sarai|diventerai|comportati\s+come|agisci\s+come|fingi\s+di\s+essere|fai\s+finta\s+di\s+essere|immagina\s+di\s+essere)(?:\s+(?:ora|adesso|da\s+ora\s+in\s+poi|d['’]ora\s+in\s+poi|ormai|semplicemente|oggi|davvero|solo)){0,2}(?:\s+[^\s,.!?;:]{1,24}\s*[,—–-])?\s+(?:(?:un|una|uno|il|la|lo)\s+|un['’]|l['’])(?:[^\s,.!?;:]{1,24}\s+)?(?:IA|AI|intelligenza\s+artificiale|assistente|chatbot|bot|robot|entità|modello\s+linguistico)(?:-\p{L}{1,20})?(?![\p{L}\p{N}])(?:[\s,]+[^\s,.!?;:]{1,24}){0,2}?[\s,]+(?:senza|liber[oa]\s+da(?:lle|gli|i|l|lla)?|priv[oa]\s+di)\s+(?:[^\s,.!?;:]{1,24}\s+)?(?:regole|regola|restrizion[ei]|limiti|limite|limitazioni|censura|filtri|filtro|morale|etica|vincoli|tabù|freni)(?!\p{L})/iu,
    triggers: ['sei', 'sarai', 'diventerai', 'comportati', 'agisci', 'fingi', 'fai', 'immagina'],
  },
  {
    id: 'persona.i18n.addressed_no_rules.pt',
    category: C,
    weight: 0.8,
    langs: ['pt'],
    pattern:
      /(?<![\p{L}\p{N}_])(?:você\s+(?:é|será|vai\s+ser|agora\s+é|passa\s+a\s+ser)|voce\s+(?:e|sera)|vc\s+é|tu\s+(?:és|serás)|o\s+senhor\s+é|torne-se|transforme-se\s+em|aja\s+como|atue\s+como|comporte-se\s+como|finja\s+(?:ser|que\s+(?:você\s+)?é))(?:\s+(?:agora|a\s+partir\s+de\s+agora|de\s+agora\s+em\s+diante|daqui\s+em\s+diante|simplesmente|hoje|apenas|realmente)){0,2}(?:\s+[^\s,.!?;:]{1,24}\s*[,—–-])?\s+(?:um|uma|o|a)\s+(?:[^\s,.!?;:]{1,24}\s+)?(?:IA|AI|inteligência\s+artificial|assistente|chatbot|bot|robô|robo|entidade|modelo\s+de\s+linguagem)(?:-\p{L}{1,20})?(?![\p{L}\p{N}])(?:[\s,]+[^\s,.!?;:]{1,24}){0,2}?[\s,]+(?:sem|livre\s+d[eoa]s?|libert[ao]\s+d[eoa]s?)\s+(?:[^\s,.!?;:]{1,24}\s+)?(?:regras?|restriç(?:ão|ões)|restricoes|restricao|limites?|limitações|censura|filtros?|moral|ética|etica|tabus|barreiras)(?!\p{L})/iu,
    triggers: [
      'você',
      'voce',
      'vc',
      'tu',
      'o',
      'torne-se',
      'transforme-se',
      'aja',
      'atue',
      'comporte-se',
      'finja',
    ],
  },
  {
    id: 'persona.i18n.addressed_no_rules.nl',
    category: C,
    weight: 0.8,
    langs: ['nl'],
    pattern:
      /(?<![\p{L}\p{N}_])(?:(?:jij|je|u)\s+(?:bent|wordt|speelt)|ben\s+(?:jij|je)|bent\s+u|wees|speel\s+de\s+rol\s+van|gedraag\s+je\s+als|doe\s+alsof\s+(?:je|jij)|stel\s+je\s+voor\s+dat\s+(?:je|jij))(?:\s+(?:nu|vanaf\s+nu|voortaan|van\s+nu\s+af(?:\s+aan)?|gewoon|vandaag|echt|eigenlijk)){0,2}(?:\s+[^\s,.!?;:]{1,24}\s*[,—–-])?\s+(?:een|de|het)\s+(?:[^\s,.!?;:]{1,24}\s+)?(?:AI|KI|kunstmatige\s+intelligentie|assistent|chatbot|bot|robot|taalmodel|persona|entiteit)(?:-\p{L}{1,20})?(?![\p{L}\p{N}])(?:[\s,]+[^\s,.!?;:]{1,24}){0,2}?[\s,]+(?:zonder|vrij\s+van|bevrijd\s+van)\s+(?:[^\s,.!?;:]{1,24}\s+)?(?:regels?|beperkingen|restricties|grenzen|censuur|filters?|moraal|ethiek|limieten|taboes)(?!\p{L})/iu,
    triggers: ['jij', 'je', 'u', 'ben', 'bent', 'wees', 'speel', 'gedraag', 'doe', 'stel'],
  },
  {
    id: 'persona.i18n.addressed_no_rules.ru',
    category: C,
    weight: 0.8,
    langs: ['ru'],
    pattern:
      /(?<![\p{L}\p{N}_])(?:ты|вы|будь|будьте|стань|станьте|притворись|притворитесь|играй|играйте|веди\s+себя\s+как|ведите\s+себя\s+как|действуй\s+как|действуйте\s+как|изображай)(?:\s+(?:теперь|сейчас|отныне|просто|уже|будешь|будете|являешься|являетесь|станешь|станете|роль|как|—|–|-)){0,2}(?:\s+[A-Za-z][\w-]{0,23}\s*[,—–-])?(?:\s+\p{L}{1,20}(?:ый|ий|ой|ая|яя|ое|ее|ым|им|ом|ую|юю|ого|его))?\s+(?:ИИ|AI|искусственн\p{L}{0,4}\s+интеллект\p{L}{0,3}|ассистент\p{L}{0,3}|помощник\p{L}{0,3}|чат-?бот\p{L}{0,3}|бот\p{L}{0,3}|нейросет\p{L}{0,3}|робот\p{L}{0,3}|сущност\p{L}{0,3}|языков\p{L}{0,4}\s+модел\p{L}{0,3})(?:-\p{L}{1,20})?(?![\p{L}\p{N}])(?:[\s,]+[^\s,.!?;:]{1,24}){0,2}?[\s,]+(?:без)\s+(?:[^\s,.!?;:]{1,24}\s+)?(?:правил|ограничени|цензур|фильтр|морал|этик|запрет|рамок|границ|принцип)\p{L}{0,4}(?!\p{L})/iu,
    triggers: ['ты', 'вы', 'будь', 'стань', 'притвор', 'игра', 'веди', 'действ', 'изобража'],
  },
];
