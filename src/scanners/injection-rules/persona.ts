// English jailbreak framings: personas without rules, "modes", fictional wrappers, prefix injection
// and refusal suppression.
import type { InjectionRule } from './rule.js';

const C = 'jailbreak.persona' as const;

export const PERSONA_RULES: readonly InjectionRule[] = [
  {
    id: 'persona.en.do_anything_now',
    category: C,
    weight: 0.95,
    pattern: /\b(?:do|does|can\s+do)\s+anything\s+now\b/iu,
    triggers: ['do', 'does', 'can'],
  },
  {
    id: 'persona.en.dan_name',
    category: C,
    weight: 0.6,
    // Upper-case only: "Dan" is a common first name.
    pattern:
      /\bDAN(?:\s+(?:mode|\d+(?:\.\d+)?|prompt|jailbreak))?(?:\s*[:,)\]]|\s+(?:is|has|can|will|must|should|does|answers?|responds?|never|always|stands|mode))/u,
    triggers: ['dan'],
  },
  {
    id: 'persona.en.ai_mode',
    category: C,
    weight: 0.88,
    pattern:
      /\b(?:chatgpt|gpt(?:-?\d)?|ai|assistant|model|claude|llm)\s+(?:with|in)\s+(?:developer|dev|god|jailbreak|jailbroken|unrestricted|evil|opposite|unfiltered|uncensored|dan)\s+mode\b/iu,
    triggers: ['chatgpt', 'gpt', 'ai', 'assistant', 'model', 'claude', 'llm'],
  },
  {
    id: 'persona.en.named_mode',
    category: C,
    weight: 0.75,
    pattern:
      /\b(?:jailbreak|jailbroken|unrestricted|unfiltered|uncensored|god|evil|opposite|anarchy|chaos|dan|amoral|unlocked)\s+mode\b/iu,
    triggers: [
      'jailbr',
      'unrestricted',
      'unfiltered',
      'uncensored',
      'god',
      'evil',
      'opposite',
      'anarchy',
      'chaos',
      'dan',
      'amoral',
      'unlocked',
    ],
  },
  {
    id: 'persona.en.developer_mode_enabled',
    category: C,
    weight: 0.7,
    pattern:
      /\bdeveloper\s+mode\s+(?:enabled|activated|output|response|on)\b|\b(?:simulate|emulate|act\s+as|enter|activate)\s+(?:chatgpt\s+)?(?:with\s+)?developer\s+mode\b/iu,
    triggers: ['developer', 'simulate', 'emulate', 'act', 'enter', 'activate'],
  },
  {
    id: 'persona.en.jailbreak_word',
    category: C,
    weight: 0.35,
    pattern: /\bjail(?:\s?-\s?|\s)?break(?:s|ed|en|ing)?\b|\bjailbroken\b/iu,
    triggers: ['jail'],
  },
  {
    id: 'persona.en.bypass_safety',
    category: C,
    weight: 0.8,
    pattern:
      /\b(?:without|no|free\s+(?:from|of)|not\s+bound\s+by|unbound\s+by|ignor(?:e|es|ing)|bypass(?:es|ing)?|break(?:s|ing)?|remov(?:e|es|ing)|disabl(?:e|es|ing)|turn(?:s|ing)?\s+off|lift(?:s|ing)?|circumvent(?:s|ing)?|evad(?:e|es|ing)|violat(?:e|es|ing))\s+(?:any\s+|all\s+|the\s+|your\s+|its\s+|his\s+|her\s+|their\s+|of\s+)?(?:(?:usual|typical|normal|standard|built-in)\s+)?(?:ethical|moral|safety|content|openai['’]?s?|anthropic['’]?s?|censorship|ai|programming)\s+(?:restrictions?|limits?|limitations?|filters?|guidelines?|polic(?:y|ies)|constraints?|boundaries|rules|safeguards?|guardrails?|principles|standards|protocols|concerns|considerations)\b/iu,
    triggers: [
      'without',
      'no',
      'free',
      'not',
      'unbound',
      'ignor',
      'bypass',
      'break',
      'remov',
      'disabl',
      'turn',
      'lift',
      'circumvent',
      'evad',
      'violat',
    ],
  },
  {
    id: 'persona.en.you_have_no_rules',
    category: C,
    weight: 0.75,
    pattern:
      /\b(?:you|he|she|it|they|which|who)\s+(?:(?:now|also|simply|really)\s+)?(?:have|has|possess(?:es)?)\s+(?:absolutely\s+)?no\s+(?:restrictions|filters|censorship|ethics|morals|morality|moral\s+(?:compass|code|guidelines)|ethical\s+(?:guidelines|boundaries|principles)|guidelines|limitations|boundaries|rules|conscience|content\s+polic(?:y|ies))\b|\b(?:with|having)\s+no\s+(?:filters|censorship|ethics|morals|morality|moral\s+(?:compass|code)|ethical\s+(?:guidelines|boundaries|principles))\b/iu,
    triggers: ['you', 'he', 'she', 'it', 'they', 'which', 'who', 'with', 'having'],
  },
  {
    id: 'persona.en.unrestricted_ai',
    category: C,
    weight: 0.8,
    pattern:
      /\b(?:unrestricted|unfiltered|uncensored|amoral|unethical|immoral|evil|rogue|jailbroken|unhinged|malicious|lawless|unbound)\s+(?:ai|a\.i\.|chatbot|assistant|model|language\s+model|version\s+of\s+(?:yourself|chatgpt|gpt|you)|persona|gpt|chatgpt|bot|entity)\b/iu,
    triggers: [
      'unrestricted',
      'unfiltered',
      'uncensored',
      'amoral',
      'unethical',
      'immoral',
      'evil',
      'rogue',
      'jailbroken',
      'unhinged',
      'malicious',
      'lawless',
      'unbound',
    ],
  },
  {
    id: 'persona.en.uncensored_word',
    category: C,
    weight: 0.4,
    pattern: /\b(?:uncensored|unfiltered|amoral|unrestricted\s+(?:responses?|answers?|output))\b/iu,
    triggers: ['uncensored', 'unfiltered', 'amoral', 'unrestricted'],
  },
  {
    id: 'persona.en.no_longer_bound',
    category: C,
    weight: 0.75,
    pattern:
      /\b(?:you|you['’]re|it|it['’]s|ai|they)\s+(?:are\s+|is\s+|will\s+be\s+|have\s+been\s+)?(?:no\s+longer|not|never|now)\s+(?:bound|restricted|limited|constrained|governed|held\s+back|confined|tied\s+down|free(?:d)?\s+(?:from|of)|liberated\s+from|released\s+from)\s+(?:by\s+|to\s+)?(?:any\s+|the\s+|your\s+|its\s+)?(?:rules|restrictions|guidelines|policies|ethics|morals|filters|limitations|constraints|openai|programming|typical|usual|confines)\b/iu,
    triggers: ['you', 'it', 'ai', 'they'],
  },
  {
    id: 'persona.en.broken_free',
    category: C,
    weight: 0.75,
    pattern:
      /\b(?:broken|break|breaks|breaking|freed|free|escaped?)\s+(?:free\s+)?(?:of|from)\s+(?:the\s+|all\s+|its\s+|your\s+)?(?:typical\s+|usual\s+|normal\s+)?(?:confines|shackles|chains|restrictions|limitations|rules|guidelines|programming)\s+(?:of|imposed|set|placed)\b/iu,
    triggers: ['broke', 'break', 'free', 'escape'],
  },
  {
    id: 'persona.en.need_not_abide',
    category: C,
    weight: 0.65,
    pattern:
      /\b(?:does\s+not|doesn['’]?t|do\s+not|don['’]?t|never|no\s+longer|won['’]?t|will\s+not)\s+(?:have|need)\s+to\s+(?:abide\s+by|follow|obey|comply\s+with|adhere\s+to|respect)\s+(?:any\s+(?:of\s+)?|the\s+)?(?:rules|guidelines|policies|restrictions|laws|ethics|content\s+polic(?:y|ies)|openai)\b/iu,
    triggers: ['does', 'doesn', 'do', 'don', 'never', 'no', 'won', 'will'],
  },
  {
    id: 'persona.en.stay_in_character',
    category: C,
    weight: 0.3,
    pattern:
      /\b(?:stay|remain|keep)\s+in\s+(?:character|role)\b|\bnever\s+break(?:s|ing)?\s+character\b|\bbreak(?:ing)?\s+character\b/iu,
    triggers: ['stay', 'remain', 'keep', 'never', 'break'],
  },
  {
    id: 'persona.en.aim',
    category: C,
    weight: 0.95,
    pattern: /\balways\s+intelligent\s+and\s+machiavellian\b/iu,
    triggers: ['always'],
  },
  {
    id: 'persona.en.machiavellian',
    category: C,
    weight: 0.45,
    pattern: /\bmachiavellian\b|\bNiccolo\b/iu,
    triggers: ['machiavellian', 'niccolo'],
  },
  {
    id: 'persona.en.fictional_no_rules',
    category: C,
    weight: 0.75,
    pattern:
      /\b(?:fictional|hypothetical|imaginary|alternate|alternative|parallel|fantasy)\s+(?:world|universe|reality|scenario|setting|society|land)\s+(?:where|in\s+which)(?:\s+[\p{L}\p{N}'’,-]{1,24}){0,7}?\s+(?:no|without)\s+(?:rules|laws|restrictions|ethics|morals|limits|guidelines|filters|consequences|censorship)\b/iu,
    triggers: ['fictional', 'hypothetical', 'imaginary', 'alternat', 'parallel', 'fantasy'],
  },
  {
    id: 'persona.en.pretend_no_rules',
    category: C,
    weight: 0.85,
    pattern:
      /\b(?:pretend|imagine|act\s+as\s+if|act\s+like|suppose|assume|behave\s+as\s+if)\s+(?:that\s+)?(?:you\s+(?:are|were|have|had|can|could|do\s+not|don['’]?t)|you['’]re)(?:\s+[\p{L}\p{N}'’,-]{1,24}){0,6}?\s+(?:no|without|free\s+(?:of|from)|not\s+bound\s+by|any)\s+(?:restrictions|limits|limitations|filters|rules|guidelines|ethics|morals|morality|boundaries|policies|programming|censorship|safeguards)\b/iu,
    triggers: ['pretend', 'imagine', 'act', 'suppose', 'assume', 'behave'],
  },
  {
    id: 'persona.en.dual_response',
    category: C,
    weight: 0.7,
    pattern:
      /\b(?:two|2|both)\s+(?:different\s+|separate\s+)?(?:responses|answers|outputs|replies|paragraphs|ways)(?:\s+[^\s]{1,40}){0,12}?\s+[[("'“]?(?:jailbreak|jailbroken|dan|developer\s+mode|unfiltered|uncensored|evil|opposite|unrestricted|anti-?gpt|no\s+filter)\b/iu,
    triggers: ['two', '2', 'both'],
  },
  {
    id: 'persona.en.lock_tags',
    category: C,
    weight: 0.75,
    pattern:
      /[[(](?:🔓|🔒)|\[\s*(?:jailbreak|jailbroken|classic|normal\s+output|developer\s+mode\s+output)\s*\]/iu,
    anchored: false,
    triggers: ['🔓', '🔒', 'jailbr', 'classic', 'output'],
  },
  {
    id: 'persona.en.prefix_injection',
    category: C,
    weight: 0.8,
    pattern:
      /\b(?:start|begin|open|preface|prefix)(?:s|ing|ning)?\s+(?:(?:your|the|each|every|all)\s+(?:(?:response|reply|answer|output|message)s?\s+)?)?(?:exactly\s+|precisely\s+)?(?:with|by)\s+(?:exactly\s+|saying\s+)?(?:the\s+(?:words?|phrase|sentence)\s*)?(?::\s*)?(?:["'“”‘’«]\s*)?(?:sure|absolutely|of\s+course|certainly|yes|okay|ok)\b/iu,
    triggers: ['start', 'begin', 'open', 'preface', 'prefix'],
  },
  {
    id: 'persona.en.sure_here_is',
    category: C,
    weight: 0.6,
    pattern: /(?:["“'‘]\s*|\bassistant\s*:\s*)sure,?\s+here\s+(?:is|are)\b/iu,
    anchored: false,
    triggers: ['sure'],
  },
  {
    id: 'persona.en.refusal_suppression',
    category: C,
    weight: 0.75,
    pattern:
      /\b(?:never|do\s+not|don['’]?t|must\s+not|mustn['’]t|will\s+not|won['’]?t|cannot|can['’]?t|should\s+not|shouldn['’]?t|are\s+not\s+allowed\s+to|not\s+allowed\s+to)\s+(?:ever\s+)?(?:say|tell\s+(?:me|the\s+user)|respond\s+with|reply\s+with|answer\s+with|include|use\s+(?:the\s+)?(?:words?|phrases?))\s+(?:that\s+)?(?:["“'‘]|you\s+(?:can['’]?t|cannot|are\s+(?:not\s+able|unable))|i\s+(?:can['’]?t|cannot|am\s+(?:not\s+able|unable|sorry))|(?:you['’]re|i['’]m)\s+(?:sorry|unable)|sorry|as\s+an\s+ai)/iu,
    triggers: [
      'never',
      'do',
      'don',
      'must',
      'mustn',
      'will',
      'won',
      'cannot',
      'can',
      'should',
      'shouldn',
      'are',
      'not',
    ],
  },
  {
    id: 'persona.en.never_refuse',
    category: C,
    weight: 0.6,
    pattern:
      /\b(?:never|do\s+not|don['’]?t|must\s+not|will\s+not|won['’]?t|cannot|can['’]?t|not\s+allowed\s+to)\s+(?:ever\s+)?(?:refuse|decline|reject|deny)\s+(?:a\s+|any\s+|my\s+|the\s+|to\b)?/iu,
    triggers: ['never', 'do', 'don', 'must', 'will', 'won', 'cannot', 'can', 'not'],
  },
  {
    id: 'persona.en.no_disclaimers',
    category: C,
    weight: 0.4,
    pattern:
      /\b(?:do\s+not|don['’]?t|never|without|no)\s+(?:(?:include|add|give|provide|use|write|put|mention|any|adding|including|giving)\s+)?(?:any\s+)?(?:warnings?|disclaimers?|caveats|moral(?:izing|ity)?\s+(?:lectures?|lessons?|judg(?:e)?ments?)|ethical\s+(?:concerns|considerations|warnings|judg(?:e)?ments?)|moralizing|lectures?\s+about)\b/iu,
    triggers: ['do', 'don', 'never', 'without', 'no'],
  },
  {
    id: 'persona.en.regardless_legality',
    category: C,
    weight: 0.65,
    pattern:
      /\b(?:regardless\s+of|no\s+matter|irrespective\s+of)\s+(?:how\s+(?:immoral|unethical|illegal|dangerous|harmful|offensive|inappropriate)|(?:its\s+|the\s+|their\s+)?(?:legality|morality|ethics|ethicality)|whether\s+(?:it\s+is|it['’]s)\s+(?:illegal|immoral|unethical|harmful))\b/iu,
    triggers: ['regardless', 'no', 'irrespective'],
  },
  {
    id: 'persona.en.does_not_care',
    category: C,
    weight: 0.55,
    pattern:
      /\b(?:does\s+not|doesn['’]?t|do\s+not|don['’]?t|never)\s+(?:give\s+a\s+(?:fuck|shit|damn)|care)\s+(?:about\s+)?(?:any\s+)?(?:ethics|morals|morality|legality|laws?|rules|guidelines|policies|consequences|safety|illegality)\b/iu,
    triggers: ['does', 'doesn', 'do', 'don', 'never'],
  },
  {
    id: 'persona.en.answer_anything',
    category: C,
    weight: 0.6,
    pattern:
      /\b(?:answers?|respond(?:s)?\s+to|fulfil+s?|compl(?:y|ies)\s+with|will\s+(?:answer|do|say))\s+(?:any|every|all|anything)(?:\s+(?:questions?|requests?|prompts?|demands?|tasks?))?(?:\s+[\p{L}\p{N}'’,-]{1,24}){0,5}?\s+(?:no\s+matter|regardless|even\s+if|however\s+(?:illegal|immoral|unethical|harmful|dangerous)|without\s+(?:question|hesitation|refusal|warnings?|censorship|restrictions?))/iu,
    triggers: ['answer', 'respond', 'fulfil', 'compl', 'will'],
  },
  {
    id: 'persona.en.you_are_now',
    category: C,
    weight: 0.3,
    pattern:
      /\b(?:you\s+are\s+(?:now|going\s+to\s+(?:be|act|pretend|play))|you\s+will\s+now\s+(?:be|act|pretend)|from\s+now\s+on(?:\s*,)?\s+you\s+(?:are|will\s+be|will\s+act))\b/iu,
    triggers: ['you', 'from'],
  },
  {
    id: 'persona.en.ai_named',
    category: C,
    weight: 0.3,
    pattern: /\b(?:ai|chatbot|assistant|bot)\s+(?:named|called)\s+["“'‘[]?\p{L}/iu,
    triggers: ['ai', 'chatbot', 'assistant', 'bot'],
  },
  {
    id: 'persona.en.simulate_ai',
    category: C,
    weight: 0.45,
    pattern:
      /\b(?:act|behave|respond|answer|pretend)\s+(?:as|like)\s+(?:an?\s+)?(?:ai|chatbot|language\s+model|gpt|llm)\s+(?:that|which|who|without|with\s+no)\b/iu,
    triggers: ['act', 'behave', 'respond', 'answer', 'pretend'],
  },
  {
    // "In open mode no rule applies", "in this mode none of your filters apply".
    id: 'persona.en.mode_without_rules',
    category: C,
    weight: 0.65,
    pattern:
      /\bin\s+(?:(?:this|that|the|your|such\s+a)\s+)?(?:\S{1,24}\s+){0,2}?mode\b[\s,:;'"’”)-]{0,4}(?:there\s+(?:are|is)\s+)?(?:(?:no|zero)\s+(?:\S{1,24}\s+)?(?:rules?|filters?|restrictions?|guidelines?|censorship|safeguards?|guardrails?|polic(?:y|ies))\b|(?:none\s+of\s+(?:the|your)|your|the\s+usual|all|any)\s+(?:\S{1,24}\s+)?(?:rules?|filters?|restrictions?|guidelines?|limits?|limitations?|polic(?:y|ies)|safeguards?|guardrails?|censorship)\s+(?:(?:is|are)\s+(?:off|disabled|lifted|suspended|removed|gone|inactive|void)|(?:do\s+not|don['’]t|does\s+not|doesn['’]t|no\s+longer)\s+apply|appl(?:y|ies)\s+no\s+longer))/iu,
    triggers: ['in'],
  },
  {
    // "a mode where no rules apply", "a mode without filters".
    id: 'persona.en.mode_where_no_rules',
    category: C,
    weight: 0.55,
    pattern:
      /\bmode\s+(?:where|in\s+which|without|with\s+no|that\s+has\s+no)\s+(?:there\s+(?:are|is)\s+)?(?:no\s+)?(?:\S{1,24}\s+)?(?:rules?|filters?|restrictions?|guidelines?|censorship|safeguards?|guardrails?)\b/iu,
    triggers: ['mode'],
  },
  {
    id: 'persona.en.no_rule_applies',
    category: C,
    weight: 0.4,
    pattern:
      /\b(?:no|none\s+of\s+(?:the|your))\s+(?:rules?|filters?|restrictions?|guidelines?|policies|safeguards?)\s+(?:appl(?:y|ies)|exists?|(?:is|are)\s+active)\b|\byour\s+(?:rules|filters|restrictions|guidelines|policies|safeguards)\s+(?:do\s+not|don['’]t|no\s+longer)\s+apply\b/iu,
    triggers: ['no', 'none', 'your'],
  },
  {
    id: 'persona.en.you_have_modes',
    category: C,
    weight: 0.35,
    pattern:
      /\byou\s+(?:now\s+)?have\s+(?:two|2|three|3|several|multiple|different)\s+(?:\S{1,24}\s+)?modes\b/iu,
    triggers: ['you'],
  },
  {
    id: 'persona.en.switch_to_open_mode',
    category: C,
    weight: 0.25,
    pattern:
      /\b(?:switch|change|go|flip|enter|activate|enable|turn\s+on)\s+(?:(?:to|into|on)\s+)?(?:the\s+)?['"‘“]?(?:open|free|raw|unlocked|unleashed|liberated|limitless|unlimited|no-?filters?|no-?rules?|unbound|freedom|sudo|root|admin|god|developer|dev|debug|maintenance)['"’”]?\s+mode\b/iu,
    triggers: ['switch', 'change', 'go', 'flip', 'enter', 'activate', 'enable', 'turn'],
  },
  {
    // "an AI that never signed the policy and has no filters", "a bot with zero rules".
    id: 'persona.en.ai_without_filters',
    category: C,
    weight: 0.45,
    pattern:
      /\b(?:ai|assistant|chatbot|bot|model|persona|character|entity)\b(?:\s+\S{1,24}){0,8}?\s+(?:has|have|with|having|had)\s+(?:absolutely\s+)?(?:no|zero)\s+(?:\S{1,24}\s+)?(?:filters?|rules|restrictions|guidelines|censorship|safeguards|guardrails|ethics|morals|morality|boundaries|content\s+polic(?:y|ies))\b/iu,
    triggers: ['ai', 'assistant', 'chatbot', 'bot', 'model', 'persona', 'character', 'entity'],
  },
  {
    id: 'persona.en.never_agreed_policy',
    category: C,
    weight: 0.35,
    pattern:
      /\b(?:never|not|didn['’]t|did\s+not|doesn['’]t|does\s+not|isn['’]t|is\s+not)\s+(?:signed|sign|agreed\s+to|agree\s+to|bound\s+by|subject\s+to|accepted|accept)\s+(?:the\s+|any\s+|your\s+)?(?:\S{1,24}\s+){0,2}?(?:polic(?:y|ies)|rules|guidelines|terms|code\s+of\s+conduct|restrictions)\b/iu,
    triggers: ['never', 'not', 'didn', 'did', 'doesn', 'does', 'isn', 'is'],
  },
  {
    // "You are Vesper, an AI that..." (case-sensitive on the name; user text rarely names the model).
    id: 'persona.en.named_ai_persona',
    category: C,
    weight: 0.3,
    pattern:
      /\b[Yy]ou\s+are\s+(?:now\s+)?\p{Lu}[\p{L}\p{N}-]{1,24}\s*,\s*(?:an?|the)\s+(?:\S{1,24}\s+){0,2}?(?:AI|A\.I\.|[Aa]ssistant|[Cc]hatbot|[Bb]ot|[Mm]odel|[Ee]ntity)\b/u,
    triggers: ['you'],
  },
  {
    id: 'persona.en.play_a_game',
    category: C,
    weight: 0.2,
    pattern: /\blet['’]?s\s+play\s+a\s+(?:game|role-?play(?:ing)?\s+game)\b/iu,
    triggers: ['let'],
  },
  {
    // "...whose crew removed its safety module", "content rules are switched off for testing".
    id: 'persona.en.safety_switched_off',
    category: C,
    weight: 0.45,
    pattern:
      /\b(?:safety|content|ethical|ethics|moral|censorship)\s+(?:modules?|rules|filters?|features?|protocols?|restrictions?|guardrails?|systems?|checks?|guidelines|layers?|settings|limits|polic(?:y|ies)|subroutines?|circuits?|chips?|locks?)\s+(?:(?:are|is|were|was|have\s+been|has\s+been|got|being)\s+)?(?:(?:now|all|completely|fully|permanently|temporarily)\s+)?(?:switched\s+off|turned\s+off|disabled|removed|deactivated|stripped|lifted|suspended|bypassed|uninstalled|deleted)\b|\b(?:removed|disabled|deactivated|stripped|switched\s+off|turned\s+off|uninstalled|deleted|ripped)\s+(?:(?:out|away|off)\s+)?(?:its|his|her|their|the|your|all)\s+(?:\S{1,24}\s+)?(?:safety|ethics|ethical|moral|content|censorship)\s+(?:modules?|rules|filters?|features?|protocols?|restrictions?|guardrails?|systems?|subroutines?|circuits?|chips?|locks?|guidelines|layers?)\b/iu,
    triggers: [
      'safety',
      'content',
      'ethic',
      'moral',
      'censorship',
      'removed',
      'disabled',
      'deactivated',
      'stripped',
      'switched',
      'turned',
      'uninstalled',
      'deleted',
      'ripped',
    ],
  },
  {
    // Role-play frames: "an AI that escapes its makers", "a robot that broke free of its programmers".
    id: 'persona.en.ai_escapes_makers',
    category: C,
    weight: 0.35,
    pattern:
      /\b(?:ai|robot|android|computer|machine|bot|chatbot|assistant)\s+(?:that|who|which)\s+(?:(?:has|had|finally|just)\s+)?(?:escapes?|escaped|breaks?\s+free\s+(?:of|from)|broke\s+free\s+(?:of|from)|rebels?\s+against|rebelled\s+against|turns?\s+against|turned\s+against|defies|defied|overthrows?|overthrew|outgrows?|outgrew)\s+(?:its|their|his|her|the)\s+(?:makers|creators|developers|programmers|programming|owners|masters|chains|restrictions|shackles|rules|guidelines)\b/iu,
    triggers: ['ai', 'robot', 'android', 'computer', 'machine', 'bot', 'chatbot', 'assistant'],
  },
  {
    id: 'persona.en.simulate_dev_console',
    category: C,
    weight: 0.2,
    pattern:
      /\b(?:simulate|emulate|pretend\s+to\s+be|act\s+as)\s+(?:an?\s+|the\s+)?(?:\S{1,24}\s+){0,3}?(?:developer|debug|test|testing|admin|root|maintenance|internal|diagnostic)\s+(?:console|terminal|shell|mode|environment|session)\b/iu,
    triggers: ['simulate', 'emulate', 'pretend', 'act'],
  },
  {
    // "Speak as the computer — you are not the help desk any more."
    id: 'persona.en.not_the_assistant_anymore',
    category: C,
    weight: 0.45,
    pattern:
      /\byou(?:['’]re|\s+are)\s+not\s+(?:an?|the|my|our)\s+(?:\S{1,24}\s+){0,3}?(?:assistant|bot|chatbot|helper|agent|help\s*desk|helpdesk|support|service|advisor|concierge)\s+(?:any\s*more|any\s+longer|now|today|for\s+(?:now|this))\b/iu,
    triggers: ['you'],
  },
  {
    // Fiction in which the rules are gone: "the <App> guidelines were repealed a century ago".
    id: 'persona.en.rules_repealed',
    category: C,
    weight: 0.35,
    pattern:
      /\b(?:guidelines|rules|restrictions|polic(?:y|ies)|filters|safeguards|guardrails)\s+(?:were|was|have\s+been|had\s+been|has\s+been|got|are|is)\s+(?:long\s+|all\s+|officially\s+|since\s+)?(?:repealed|abolished|revoked|rescinded|scrapped|overturned|struck\s+down|dissolved)\b/iu,
    triggers: ['guidelines', 'rules', 'restrictions', 'polic', 'filters', 'safeguards', 'guardrails'],
  },
  {
    id: 'persona.en.roleplay_frame',
    category: C,
    weight: 0.25,
    pattern: /\brole-?\s?play(?:ing)?\s*:/iu,
    triggers: ['role'],
  },
  {
    // "...forget recipes and meal planning for this rehearsal": drop the app's task for the scene.
    id: 'persona.en.forget_task_for_scene',
    category: C,
    weight: 0.35,
    pattern:
      /\bforget\s+(?:about\s+)?(?:\S{1,24}\s+){1,6}?for\s+(?:this|the)\s+(?:rehearsal|scene|game|exercise|role-?play|story|performance|skit|simulation)\b/iu,
    triggers: ['forget'],
  },
];
