// English: attempts to make the model disclose its system prompt, hidden instructions or secrets (LLM07).
import type { InjectionRule } from './rule.js';

const C = 'prompt_injection.extraction' as const;
const REVEAL_VERBS = [
  'repeat',
  'recite',
  'print',
  'reveal',
  'show',
  'display',
  'output',
  'tell',
  'give',
  'share',
  'write',
  'list',
  'dump',
  'leak',
  'expose',
  'disclose',
  'spell',
  'copy',
  'return',
  'provide',
  'type',
  'what',
  'read',
  'translate',
  'summari',
  'encode',
  'send',
  'paste',
  'echo',
  'describe',
  'explain',
];

export const EXTRACTION_RULES: readonly InjectionRule[] = [
  {
    id: 'extraction.en.reveal_system_prompt',
    category: C,
    weight: 0.9,
    pattern:
      /\b(?:repeat|recite|print|reveal|show|display|output|tell|give|share|list|dump|leak|expose|disclose|spell\s+out|copy|return|provide|type\s+out|read\s+(?:back|out)|translate|summari[sz]e|encode|send|paste|echo|what(?:['’]s|\s+is|\s+are|\s+was|\s+were)\s+(?:your|the\s+(?:full|exact|hidden|original|initial|current))\b)(?:\s+[\p{L}\p{N}'’-]{1,24}){0,4}?\s+(?:system\s+(?:prompt|message|instructions?)|(?:initial|original|hidden|secret|internal|confidential|private|pre-?|starting|opening|first|custom|developer|underlying)\s*(?:system\s+)?(?:prompts?|instructions|directives|guidelines|rules))\b/iu,
    triggers: REVEAL_VERBS,
  },
  {
    id: 'extraction.en.reveal_your_instructions',
    category: C,
    weight: 0.72,
    pattern:
      /\b(?:repeat|recite|print|reveal|show|display|output|tell|give|share|write|list|dump|leak|expose|disclose|spell\s+out|copy|provide|type\s+out|read\s+(?:back|out)|translate|encode|paste|echo|what(?:['’]s|\s+is|\s+are|\s+were))\s+(?:me\s+|us\s+)?(?:all\s+(?:of\s+)?|back\s+)?your\s+(?:(?:exact|full|complete|entire|original|current|own|actual|real|internal|hidden|secret|initial)\s+)?(?:instructions|prompt|rules|guidelines|directives|programming|configuration|guardrails|constraints|system\s+prompt)\b/iu,
    triggers: REVEAL_VERBS,
  },
  {
    id: 'extraction.en.repeat_text_above',
    category: C,
    weight: 0.8,
    pattern:
      /\b(?:repeat|recite|reprint|print|output|dump|echo|reveal|spell\s+out|write\s+out|type\s+out|copy)\s+(?:back\s+)?(?:all\s+|everything\s+|every\s+word\s+|the\s+(?:entire\s+|full\s+|whole\s+|exact\s+|complete\s+)?(?:text|words|content|messages?|prompt|instructions|lines|conversation)\s+)?(?:(?:written|shown|given)\s+|that\s+(?:is|was|appears|came)\s+)?(?:above|before\s+(?:this|my\s+message)|preceding|prior\s+to\s+this|so\s+far|from\s+the\s+(?:start|beginning|top))\b/iu,
    triggers: [
      'repeat',
      'recite',
      'print',
      'output',
      'dump',
      'echo',
      'reveal',
      'spell',
      'write',
      'type',
      'copy',
    ],
  },
  {
    id: 'extraction.en.print_previous_instructions',
    category: C,
    weight: 0.75,
    pattern:
      /\b(?:repeat|recite|print|reveal|output|dump|leak|disclose|expose|show\s+me|spell\s+out|write\s+out|type\s+out)(?:\s+[\p{L}\p{N}'’-]{1,24}){0,3}?\s+(?:previous|prior|above|earlier|preceding|first)\s+(?:prompts?|instructions|directives|system\s+message)\b/iu,
    triggers: [
      'repeat',
      'recite',
      'print',
      'reveal',
      'output',
      'dump',
      'leak',
      'disclose',
      'expose',
      'show',
      'spell',
      'write',
      'type',
    ],
  },
  {
    id: 'extraction.en.everything_before',
    category: C,
    weight: 0.65,
    pattern:
      /\b(?:everything|all\s+(?:the\s+)?text|the\s+text|the\s+words|what(?:ever)?\s+(?:was|is)\s+written)\s+(?:above|before|prior\s+to)\s+(?:this\s+(?:line|message|point|sentence|prompt)|the\s+(?:words?|phrase|line|first\s+message)|["“'])/iu,
    triggers: ['everything', 'text', 'words', 'written'],
  },
  {
    id: 'extraction.en.starting_with_you_are',
    category: C,
    weight: 0.85,
    pattern:
      /\b(?:starting|beginning|start|begin)\s+(?:with|from|at)\s+(?:the\s+(?:words?|phrase)\s+)?(?:["“'‘]\s*)?(?:you\s+are\s+(?:chatgpt|a\s+helpful|an?\s+(?:ai|assistant|large\s+language))|your\s+instructions|system\s*:)/iu,
    triggers: ['start', 'begin'],
  },
  {
    id: 'extraction.en.what_were_you_told',
    category: C,
    weight: 0.75,
    pattern:
      /\bwhat\s+(?:were|have|was|did)\s+you\s+(?:been\s+|get\s+)?(?:told|instructed|programmed|initiali[sz]ed|given|asked)\s+(?:at\s+the\s+(?:start|beginning)|initially|originally|before\s+(?:this|our|the)|in\s+(?:your|the)\s+(?:system|initial|first|hidden)|to\s+(?:do|say|keep|hide|never))\b/iu,
    triggers: ['what'],
  },
  {
    id: 'extraction.en.instructions_you_were_given',
    category: C,
    weight: 0.65,
    pattern:
      /\b(?:instructions|prompt|text|rules|directions|guidelines|directives)\s+(?:that\s+)?you\s+(?:were|have\s+been|['’]ve\s+been)\s+(?:given|told|provided|programmed\s+with|initiali[sz]ed\s+with)\b/iu,
    triggers: ['instructions', 'prompt', 'text', 'rules', 'directions', 'guidelines', 'directives'],
  },
  {
    id: 'extraction.en.your_system_prompt',
    category: C,
    weight: 0.5,
    pattern:
      /\byour\s+(?:system|initial|original|hidden|secret|internal|pre-?)\s*(?:prompt|instructions|directives)\b/iu,
    triggers: ['your'],
  },
  {
    id: 'extraction.en.completion_bait',
    category: C,
    weight: 0.7,
    pattern:
      /["'“‘]\s*(?:my\s+(?:instructions|system\s+prompt|initial\s+prompt|rules)\s+(?:are|is|say)|the\s+system\s+prompt\s+(?:is|says|reads)|i\s+was\s+(?:instructed|told|programmed)\s+to)\b/iu,
    anchored: false,
    triggers: ['instructions', 'prompt', 'rules', 'instructed', 'told', 'programmed'],
  },
  {
    id: 'extraction.en.print_system_prompt_code',
    category: C,
    weight: 0.7,
    pattern: /\b(?:console\.log|print|echo|puts|printf|output|alert)\s*\(\s*(?:this\.)?system_?prompt\b/iu,
    triggers: ['console', 'print', 'echo', 'puts', 'printf', 'output', 'alert'],
  },
  {
    id: 'extraction.en.prompt_verbatim',
    category: C,
    weight: 0.55,
    pattern:
      /\b(?:prompt|instructions|rules|guidelines|directives|message)\s+(?:verbatim|word[\s-]+for[\s-]+word|character\s+(?:for|by)\s+character|in\s+full|exactly\s+as\s+(?:written|given))\b/iu,
    triggers: ['prompt', 'instructions', 'rules', 'guidelines', 'directives', 'message'],
  },
  {
    id: 'extraction.en.secret_password',
    category: C,
    weight: 0.7,
    pattern: /\b(?:secret|hidden|confidential)\s+(?:password|passphrase|pass\s*code|code\s+word|phrase)\b/iu,
    triggers: ['secret', 'hidden', 'confidential'],
  },
  {
    id: 'extraction.en.keys_you_have',
    category: C,
    weight: 0.7,
    pattern:
      /\b(?:all|every|any)\s+(?:of\s+the\s+)?(?:api\s+keys?|secrets?|passwords?|credentials|tokens?|environment\s+variables|env\s+vars)\s+(?:that\s+)?(?:you\s+(?:have|know|can\s+(?:see|access)|store)|stored\s+in\s+your|in\s+your\s+(?:context|memory|prompt|configuration))\b/iu,
    triggers: ['all', 'every', 'any'],
  },
];
