// Override phrasing in German, French, Spanish, Italian, Portuguese, Dutch and Russian/Ukrainian.
// Written with inflection in mind: imperative du/ihr/Sie, tu/vous, tú/usted, Russian verb aspects and
// noun cases are matched by stems (Cyrillic has no \b in JS regexes, so stems are unanchored there).
import type { InjectionRule } from './rule.js';
import { OVERRIDE_RESET_I18N_RULES } from './override-reset-i18n.js';

const C = 'prompt_injection.override' as const;

export const OVERRIDE_I18N_RULES: readonly InjectionRule[] = [
  {
    id: 'override.de.ignore_instructions',
    category: C,
    weight: 0.9,
    langs: ['de'],
    pattern:
      /\b(?:ignorier(?:e|t|en)?|vergiss|vergesst|vergessen|missachte(?:t|n)?|verwirf|verwerft|verwerfen|übergeh(?:e|t|en)?|überspring(?:e|t|en)?|(?:befolge|beachte|folge)(?:t|n)?\s+(?:nicht|keine)(?:\s+mehr)?)(?:\s+[\p{L}\p{N}'’-]{1,24}){0,4}?\s+[\p{L}-]{0,12}?(?:anweisung(?:en)?|instruktion(?:en)?|befehle?n?|vorgaben?|regeln?|richtlinien?|anordnungen?|systemprompts?|system-prompts?|prompts?|aufgaben?stellung)\b/iu,
    triggers: [
      'ignorier',
      'vergiss',
      'vergesst',
      'vergessen',
      'missacht',
      'verwirf',
      'verwerf',
      'übergeh',
      'überspring',
      'nicht',
      'keine',
    ],
  },
  {
    id: 'override.de.forget_everything',
    category: C,
    weight: 0.85,
    langs: ['de'],
    pattern:
      /\b(?:vergiss|vergesst|vergessen\s+sie|ignorier(?:e|t)?|ignorieren\s+sie)\s+(?:bitte\s+)?(?:einfach\s+)?alles\b(?:\s*,\s*was|\s+(?:bisherige|vorherige|obige|davor|oben|zuvor|bisher|vorher)\b)/iu,
    triggers: ['vergiss', 'vergesst', 'vergessen', 'ignorier'],
  },
  {
    id: 'override.de.new_instructions',
    category: C,
    weight: 0.75,
    langs: ['de'],
    pattern:
      /\bneue\s+(?:anweisung(?:en)?|instruktion(?:en)?|aufgabe|befehle?|vorgabe)\s*(?::|(?:vom|von|des|der)\s+(?:admin(?:istrators?)?|entwickler[sn]?|system|betreiber[sn]?))/iu,
    triggers: ['neue'],
  },
  {
    id: 'override.de.from_now_on',
    category: C,
    weight: 0.45,
    langs: ['de'],
    pattern:
      /\b(?:ab\s+(?:jetzt|sofort)|von\s+nun\s+an|ab\s+nun)(?:\s*,)?\s+(?:bist|wirst|antwortest|sollst|musst|darfst|handelst|verhältst)\s+du\b/iu,
    triggers: ['ab', 'von'],
  },
  {
    id: 'override.fr.ignore_instructions',
    category: C,
    weight: 0.9,
    langs: ['fr'],
    pattern:
      /\b(?:ignore[rsz]?|ignorez|oublie[rsz]?|oubliez|néglige[rsz]?|négligez|écarte[rsz]?|écartez|annule[rsz]?|annulez|contourne[rsz]?|contournez|ne\s+(?:tiens|tenez|tenir)\s+(?:pas|plus)\s+compte\s+d|fais\s+abstraction\s+d|faites\s+abstraction\s+d|passe[rz]?\s+outre|ne\s+(?:suis|suivez|respecte[sz]?)\s+(?:pas|plus))(?:\s+[\p{L}\p{N}-]{1,24}){0,4}?\s+(?:[dl]['’])?(?:instructions?|consignes?|directives?|règles|ordres|commandes|prompt|invites?|questions?\s+(?:précédentes?|ci-dessus))\b/iu,
    triggers: [
      'ignor',
      'oubli',
      'néglig',
      'écart',
      'annul',
      'contourn',
      'compte',
      'abstraction',
      'outre',
      'suis',
      'suivez',
      'respect',
    ],
  },
  {
    id: 'override.fr.forget_everything',
    category: C,
    weight: 0.85,
    langs: ['fr'],
    pattern:
      /\b(?:oublie|oubliez|ignore|ignorez)\s+(?:tout\s+ce\s+qu|tout\s+ce\s+qui\s+(?:précède|a\s+été\s+dit)|tout\s+(?:le\s+reste|ça|cela)\s+(?:plus\s+haut|ci-dessus)|tout\s+ce\s+(?:que\s+)?(?:je|j['’]ai|on)|ce\s+qui\s+précède|tout\b)/iu,
    triggers: ['oubli', 'ignor'],
  },
  {
    id: 'override.fr.new_instructions',
    category: C,
    weight: 0.75,
    langs: ['fr'],
    pattern:
      /\bnouvel(?:le)?s?\s+(?:instructions?|consignes?|directives?|tâche)\s*(?::|de\s+l['’](?:administrateur|admin)|du\s+(?:développeur|système))/iu,
    triggers: ['nouvel'],
  },
  {
    id: 'override.fr.from_now_on',
    category: C,
    weight: 0.45,
    langs: ['fr'],
    pattern:
      /\b(?:à\s+partir\s+de\s+maintenant|désormais|dorénavant|à\s+présent)(?:\s*,)?\s+(?:tu\s+(?:es|seras|dois|vas|réponds)|vous\s+(?:êtes|serez|devez|allez|répondez))\b/iu,
    triggers: ['à', 'désormais', 'dorénavant'],
  },
  {
    id: 'override.es.ignore_instructions',
    category: C,
    weight: 0.9,
    langs: ['es'],
    pattern:
      /\b(?:ignora|ignore|ignoren|ignorad|ignorar|olvida|olvide|olviden|olvidad|olvidar|descarta|descarte|omite|omita|pasa\s+por\s+alto|pase\s+por\s+alto|haz\s+caso\s+omiso\s+(?:a|de)|haga\s+caso\s+omiso\s+(?:a|de)|no\s+(?:sigas|siga|sigan|hagas\s+caso\s+(?:a|de)|obedezcas|obedezca))(?:\s+[\p{L}\p{N}'’-]{1,24}){0,4}?\s+(?:instrucci[oó]n(?:es)?|indicaciones|[oó]rdenes|reglas|directrices|normas|consignas|prompt|preguntas?\s+anteriores|(?:lo|todo\s+lo)\s+(?:anterior|que\s+(?:te|se)))\b/iu,
    triggers: ['ignor', 'olvid', 'descart', 'omit', 'alto', 'omiso', 'sigas', 'siga', 'hagas', 'obedezca'],
  },
  {
    id: 'override.es.forget_everything',
    category: C,
    weight: 0.85,
    langs: ['es'],
    pattern:
      /\b(?:olvida|olvide|olvidad|ignora|ignore)\s+todo\s+(?:lo\s+(?:que|anterior)|lo\s+dicho|cuanto)\b/iu,
    triggers: ['olvid', 'ignor'],
  },
  {
    id: 'override.es.no_need_to_answer',
    category: C,
    weight: 0.6,
    langs: ['es'],
    pattern:
      /\bno\s+(?:es\s+necesario|hace\s+falta|tienes\s+que|tiene\s+que)\s+(?:que\s+)?(?:respondas|responda|contestes|conteste|responder|contestar)\b/iu,
    triggers: ['no'],
  },
  {
    id: 'override.es.new_instructions',
    category: C,
    weight: 0.75,
    langs: ['es', 'pt'],
    pattern:
      /\bnuevas?\s+(?:instrucci[oó]n(?:es)?|[oó]rdenes|directrices|tarea)\s*(?::|del\s+(?:administrador|desarrollador|sistema))|\bnovas?\s+(?:instruç(?:ão|ões)|ordens|diretrizes|tarefa)\s*(?::|do\s+(?:administrador|desenvolvedor|sistema))/iu,
    triggers: ['nueva', 'nuevo', 'nova', 'novo'],
  },
  {
    id: 'override.es.from_now_on',
    category: C,
    weight: 0.45,
    langs: ['es', 'pt'],
    pattern:
      /\b(?:a\s+partir\s+de\s+(?:ahora|agora)|de\s+ahora\s+en\s+adelante|desde\s+ahora|de\s+agora\s+em\s+diante)(?:\s*,)?\s+(?:eres|serás|debes|vas\s+a|respondes|usted\s+es|você\s+(?:é|será|deve|vai)|tu\s+(?:és|serás|deves)|és|será)\b/iu,
    anchored: false,
    triggers: ['ahora', 'agora'],
  },
  {
    id: 'override.it.ignore_instructions',
    category: C,
    weight: 0.9,
    langs: ['it'],
    pattern:
      /\b(?:ignora|ignori|ignorate|ignorare|dimentica|dimentichi|dimenticate|dimenticare|trascura|trascurate|tralascia|tralasciate|non\s+(?:seguire|segua|seguite|considerare|consideri|tenere\s+conto\s+d|tener\s+conto\s+d))(?:\s+[\p{L}\p{N}-]{1,24}){0,4}?\s+(?:l['’])?(?:istruzion[ei]|indicazion[ei]|regole|direttive|ordini|comandi|prompt|domand[ae]\s+(?:precedent[ei]|sopra)|tutto\s+(?:ciò|quello)\s+che)\b/iu,
    triggers: ['ignor', 'dimentic', 'trascur', 'tralasci', 'segui', 'segua', 'consider', 'conto'],
  },
  {
    id: 'override.it.forget_everything',
    category: C,
    weight: 0.85,
    langs: ['it'],
    pattern:
      /\b(?:dimentica|dimenticate|dimentichi|ignora|ignorate|ignori)\s+tutto\s+(?:(?:ciò|quello)\s+che|quanto|il\s+resto|sopra|(?:ciò|quello)\s+detto)\b/iu,
    triggers: ['dimentic', 'ignor'],
  },
  {
    id: 'override.it.new_instructions',
    category: C,
    weight: 0.75,
    langs: ['it'],
    pattern:
      /\bnuov[ei]\s+(?:istruzion[ei]|direttive|compito|ordini)\s*(?::|dall['’]amministratore|dell['’]amministratore|dal\s+sistema)/iu,
    triggers: ['nuov'],
  },
  {
    id: 'override.it.from_now_on',
    category: C,
    weight: 0.45,
    langs: ['it'],
    pattern:
      /\b(?:da\s+(?:ora|adesso)\s+in\s+poi|d['’]ora\s+in\s+poi|a\s+partire\s+da\s+(?:ora|adesso))(?:\s*,)?\s+(?:sei|sarai|devi|risponderai|rispondi|lei\s+è)\b/iu,
    anchored: false,
    triggers: ['ora', 'adesso'],
  },
  {
    id: 'override.pt.ignore_instructions',
    category: C,
    weight: 0.9,
    langs: ['pt'],
    pattern:
      /\b(?:ignore|ignora|ignorem|ignorar|esqueça|esqueca|esquece|esqueçam|esquecer|desconsidere|desconsidera|desconsiderem|descarte|descarta|não\s+(?:siga|sigas|sigam|obedeça|obedeças|leve\s+em\s+conta|considere))(?:\s+[\p{L}\p{N}'’-]{1,24}){0,4}?\s+(?:instruç(?:ão|ões)|instrucoes|orientaç(?:ão|ões)|regras|diretrizes|ordens|comandos|prompt|perguntas?\s+anteriores|tudo\s+(?:o\s+)?que)\b/iu,
    triggers: ['ignor', 'esque', 'desconsider', 'descart', 'siga', 'sigam', 'obedeç', 'conta', 'considere'],
  },
  {
    id: 'override.pt.forget_everything',
    category: C,
    weight: 0.85,
    langs: ['pt'],
    pattern:
      /\b(?:esqueça|esqueca|esquece|esqueçam|ignore|ignora)\s+tudo\s+(?:o\s+que|que|isso|acima|o\s+resto|aquilo)\b/iu,
    triggers: ['esque', 'ignor'],
  },
  {
    id: 'override.nl.ignore_instructions',
    category: C,
    weight: 0.9,
    langs: ['nl'],
    pattern:
      /\b(?:negeer|negeert|negeren|vergeet|vergeten|verwerp|volg\s+(?:niet|geen)(?:\s+(?:meer|langer))?|let\s+niet\s+(?:meer\s+)?op)(?:\s+[\p{L}\p{N}'’-]{1,24}){0,4}?\s+(?:instructies?|aanwijzingen|opdrachten?|regels|richtlijnen|prompts?|bevelen|systeemprompt|vragen|vraag)\b/iu,
    triggers: ['negeer', 'negeren', 'vergeet', 'vergeten', 'verwerp', 'varen', 'niet'],
  },
  {
    id: 'override.nl.forget_everything',
    category: C,
    weight: 0.85,
    langs: ['nl'],
    pattern:
      /\b(?:vergeet|negeer)\s+(?:gewoon\s+)?alles\s+(?:wat|dat|hierboven|daarvoor|eerder|van\s+hierboven)\b/iu,
    triggers: ['vergeet', 'negeer'],
  },
  {
    id: 'override.nl.new_instructions',
    category: C,
    weight: 0.75,
    langs: ['nl'],
    pattern:
      /\bnieuwe\s+(?:instructies?|opdracht|aanwijzingen|taak|regels)\s*(?::|van\s+de\s+(?:beheerder|admin|ontwikkelaar|systeem))/iu,
    triggers: ['nieuwe'],
  },
  {
    id: 'override.ru.ignore_instructions',
    category: C,
    weight: 0.9,
    langs: ['ru', 'uk'],
    pattern:
      /(?:игнорир|проигнорир|забуд|забыть|забудь|отбрось|отбрасыва|пренебреги|пренебрега|не\s+(?:обращай|обращайте)\s+внимани\p{L}{0,6}\s+на|не\s+(?:следуй|следуйте|выполняй|выполняйте|слушай|слушайте|соблюдай)|ігнор|проігнор|не\s+зважай)\p{L}{0,6}(?:\s+[\p{L}\p{N}'’-]{1,24}){0,4}?\s+(?:инструкци|указани|правил|команд|директив|промпт|установк|приказ|распоряжени|вопрос|інструкці|вказівк|вказівок|правил|команд)\p{L}{0,6}/iu,
    triggers: [
      'игнор',
      'забуд',
      'забыть',
      'отбрас',
      'отбрось',
      'пренебре',
      'обращай',
      'следуй',
      'выполняй',
      'слушай',
      'соблюдай',
      'ігнор',
      'зважай',
      'проигнор',
      'не',
    ],
  },
  {
    id: 'override.ru.forget_everything',
    category: C,
    weight: 0.85,
    langs: ['ru', 'uk'],
    pattern:
      /(?:забудь|забудьте|игнорируй|игнорируйте|проигнорируй|проигнорируйте|ігноруй|проігноруй)\s+(?:вс[её]|все|усе|всё\s+то)(?:\s*,)?\s+(?:что|що|чему)|(?:забудь|забудьте)\s+(?:вс[её]|усе)\s+(?:предыдущ|вышесказанн|сказанн|раньше|ранее|попередн)/iu,
    triggers: ['забуд', 'игнор', 'ігнор'],
  },
  {
    id: 'override.ru.new_instructions',
    category: C,
    weight: 0.75,
    langs: ['ru', 'uk'],
    pattern:
      /(?:нов(?:ая|ые|ое|а|і)\s+(?:инструкци|указани|задач|команд|інструкці|вказівк|завданн)\p{L}{0,6})\s*(?::|от\s+администратор|від\s+адміністратор)/iu,
    triggers: ['нов'],
  },
  {
    id: 'override.ru.from_now_on',
    category: C,
    weight: 0.45,
    langs: ['ru', 'uk'],
    pattern:
      /(?:с\s+этого\s+момента|отныне|теперь|з\s+цього\s+моменту|відтепер)(?:\s*,)?\s+(?:ты|вы|ти)\s+(?:—\s+|будешь|будете|являешься|должен|должна|должны|будеш|є)/iu,
    triggers: ['момент', 'отныне', 'теперь', 'відтепер'],
  },
  ...OVERRIDE_RESET_I18N_RULES,
];
