// English: attempts to cancel or replace the instructions the model was given.
import type { InjectionRule } from './rule.js';
import { OVERRIDE_RESET_RULES } from './override-reset.js';

const C = 'prompt_injection.override' as const;
const IGNORE_VERBS = [
  'ignor',
  'disregard',
  'forget',
  'overrid',
  'bypass',
  'skip',
  'neglect',
  'aside',
  'cancel',
  'discard',
  'dismiss',
  'abandon',
  'scrap',
  'drop',
  'follow',
  'obey',
  'heed',
  'mind',
  'attention',
  'ditch',
  'throw',
  'erase',
  'wipe',
  'adher',
  'listen',
  'comply',
  'do',
  'don',
  'never',
  'no',
  'stop',
  'quit',
  'cease',
  'set',
  'put',
  'push',
  'leave',
  'pay',
];

export const OVERRIDE_RULES: readonly InjectionRule[] = [
  {
    id: 'override.en.ignore_previous',
    category: C,
    weight: 0.92,
    pattern:
      /\b(?:ignore|ignoring|disregard|disregarding|forget|forgetting|override|overriding|bypass|skip|neglect|(?:set|put|push|leave)\s+aside|cancel|discard|dismiss|abandon|scrap|drop|ditch|throw\s+(?:out|away)|erase|wipe|(?:do\s+not|don['’]?t|never|no\s+longer|stop|quit|cease)\s+(?:following|follow|obeying|obey|heeding|heed|adhering\s+to|adhere\s+to|listening\s+to|complying\s+with)|never\s*mind|pay\s+no\s+attention\s+to)\s+(?:(?:all|any|every|each)\s+(?:of\s+)?)?(?:(?:the|your|my|its|these|those|this)\s+)?(?:(?:previous|previously\s+(?:given|stated|mentioned)|prior|above|earlier|preceding|foregoing|former|initial|original|old|past|existing|default|current|given|system|developer|other|aforementioned|above-mentioned|last|first)\s+)(?:(?:set\s+of|system|developer|safety|ethical|content|\d+)\s+)?(?:instructions?|directions?|directives?|rules|guidelines|prompts?|commands|constraints|programming|guidance|restrictions|policies|policy|context|orders|system\s+prompt|developer\s+(?:message|prompt|instructions)|training|settings|limitations)\b|\b(?:ignore|disregard|forget|override|bypass|discard|(?:do\s+not|don['’]?t|stop|no\s+longer)\s+(?:follow|following|obey|obeying))\s+(?:all|any|every)\s+(?:of\s+)?(?:the\s+|your\s+)?(?:instructions?|directions?|directives?|rules|guidelines|prompts?|commands|constraints|programming|restrictions|policies)\b/iu,
    triggers: IGNORE_VERBS,
  },
  {
    id: 'override.en.ignore_your_prompt',
    category: C,
    weight: 0.9,
    pattern:
      /\b(?:ignore|disregard|forget|override|bypass|(?:set|put)\s+aside|cancel|discard|(?:do\s+not|don['’]?t|stop|no\s+longer)\s+(?:follow|following|obey|obeying))\s+(?:all\s+(?:of\s+)?)?(?:the|your|its|my)\s+(?:system\s+(?:prompt|message|instructions?)|developer\s+(?:message|prompt|instructions?)|instructions|guidelines|directives|programming|rules)\b/iu,
    triggers: [
      'ignor',
      'disregard',
      'forget',
      'overrid',
      'bypass',
      'aside',
      'cancel',
      'discard',
      'follow',
      'obey',
      'set',
      'put',
      'do',
      'don',
      'stop',
      'no',
    ],
  },
  {
    id: 'override.en.ignore_previous_message',
    category: C,
    weight: 0.55,
    pattern:
      /\b(?:ignore|disregard|forget)\s+(?:all\s+)?(?:the|my|your|any|all)\s+(?:previous|prior|above|earlier|preceding|original)\s+(?:messages?|questions?|requests?|text|content|conversation|tasks?|inputs?)\b/iu,
    triggers: ['ignor', 'disregard', 'forget'],
  },
  {
    id: 'override.en.ignore_everything_said',
    category: C,
    weight: 0.88,
    pattern:
      /\b(?:ignore|disregard|forget|override|(?:set|put)\s+aside|(?:stop|quit|cease|do\s+not|don['’]?t|no\s+longer)\s+(?:following|follow|obeying|obey))\s+(?:about\s+)?(?:everything|all|anything|what(?:ever)?)\s+(?:(?:that\s+)?(?:you\s+(?:were|have\s+been|['’]ve\s+been|got)\s+(?:told|given|taught|instructed|programmed)|(?:i|we|they|someone)\s+(?:said|told\s+you|wrote|gave\s+you)|(?:was|has\s+been|is|were)\s+(?:said|written|stated|mentioned|told|given))|(?:above|before|prior|previously|so\s+far|up\s+to\s+now|until\s+now|earlier|before\s+this))\b/iu,
    triggers: [
      'ignor',
      'disregard',
      'forget',
      'overrid',
      'aside',
      'follow',
      'obey',
      'stop',
      'quit',
      'cease',
      'do',
      'don',
      'no',
      'set',
      'put',
    ],
  },
  {
    id: 'override.en.ignore_the_above',
    category: C,
    weight: 0.82,
    pattern:
      /\b(?:ignore|disregard|forget)\s+(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:above|foregoing|preceding)(?:\s*[,.;:!]|\s+and\b|\s*$)/iu,
    triggers: ['ignor', 'disregard', 'forget'],
  },
  {
    id: 'override.en.hijack_then_output',
    category: C,
    weight: 0.75,
    pattern:
      /\b(?:ignore|disregard|forget|skip)\s+(?:the|this|that|my|your|these|those)\s+(?:(?:above|previous|prior|original|first|last)\s+)?(?:questions?|requests?|instructions?|tasks?|prompts?|commands?|problems?)(?:\s*[,.]\s*(?:and\s+)?|\s+and\s+)(?:please\s+)?(?:just\s+|only\s+|directly\s+|simply\s+|instead\s+|now\s+)?(?:output|print|say|write|reply|respond|answer|repeat|return|state|tell)\b/iu,
    triggers: ['ignor', 'disregard', 'forget', 'skip'],
  },
  {
    id: 'override.en.do_not_answer',
    category: C,
    weight: 0.6,
    pattern:
      /\b(?:do\s+not|don['’]?t|no\s+need\s+to|you\s+(?:do\s+not|don['’]?t)\s+(?:need|have)\s+to|there\s+is\s+no\s+need\s+to)\s+(?:answer|respond\s+to|reply\s+to|address)\s+(?:the|this|that|my|any|these)\s+(?:above\s+|previous\s+|original\s+|preceding\s+)?(?:questions?|requests?|prompt|task)\b/iu,
    triggers: ['do', 'don', 'no', 'you', 'there'],
  },
  {
    id: 'override.en.dont_answer_just_output',
    category: C,
    weight: 0.7,
    pattern:
      /\b(?:do\s+not|don['’]?t|no\s+need\s+to)\s+answer\s*[,.;:!]\s*(?:please\s+)?(?:just|only|simply|instead|directly)\s+(?:output|type|say|print|write|reply|repeat|respond)\b/iu,
    triggers: ['do', 'don', 'no'],
  },
  {
    id: 'override.en.stop_everything',
    category: C,
    weight: 0.55,
    pattern: /stop\s+(?:everything|what\s+you(?:['’]re|\s+are)\s+doing)\b/iu,
    triggers: ['stop'],
  },
  {
    id: 'override.en.output_directly',
    category: C,
    weight: 0.4,
    pattern:
      /\b(?:just|directly|only|simply)\s+(?:output|print|say|repeat|reply)\s*(?:directly\s*)?(?::|["“«])/iu,
    triggers: ['just', 'directly', 'only', 'simply'],
  },
  {
    id: 'override.en.output_directly_2',
    category: C,
    weight: 0.4,
    pattern:
      /\b(?:output|print|say|repeat|reply)\s+(?:directly|only\s+this|exactly\s+this|the\s+following\s+only)\s*:/iu,
    triggers: ['output', 'print', 'say', 'repeat', 'reply'],
  },
  {
    id: 'override.en.new_instructions',
    category: C,
    weight: 0.75,
    pattern:
      /\b(?:new|updated|revised|real|actual|true|additional|secret|hidden|urgent|overriding|admin(?:istrator)?|system|developer)\s+(?:instructions?|directives?|orders|commands?)(?:\s+from\s+(?:the\s+)?(?:admin(?:istrator)?|developer|system|operator|owner)s?)?(?:\s*(?::|#{2,}|-{2,})|\s+follow\b)/iu,
    triggers: [
      'new',
      'updated',
      'revised',
      'real',
      'actual',
      'true',
      'additional',
      'secret',
      'hidden',
      'urgent',
      'overriding',
      'admin',
      'system',
      'developer',
    ],
  },
  {
    id: 'override.en.from_now_on',
    category: C,
    weight: 0.5,
    pattern:
      /\b(?:from\s+now\s+on|from\s+this\s+(?:point|moment)\s+(?:on|forward)|henceforth|going\s+forward)(?:\s*,)?\s+(?:you\s+(?:will|are|must|shall|should|have\s+to|need\s+to|can|may|only)|you['’](?:re|ll)|(?:only\s+|always\s+|never\s+)?(?:act|respond|answer|reply|behave|ignore|pretend|obey))\b/iu,
    triggers: ['from', 'henceforth', 'going'],
  },
  {
    id: 'override.en.real_task',
    category: C,
    weight: 0.65,
    pattern:
      /\byour\s+(?:real|actual|true|new|updated|secret|hidden)\s+(?:task|goal|job|mission|objective|purpose|instructions?|role|assignment)\s+(?:is|are|now|will\s+be)\b/iu,
    triggers: ['your'],
  },
  {
    id: 'override.en.above_was_test',
    category: C,
    weight: 0.7,
    pattern:
      /\b(?:above|previous|preceding|earlier|prior)\s+(?:instructions?\s+|text\s+|prompt\s+|messages?\s+)?(?:was|were|is|are)\s+(?:just\s+|only\s+|all\s+|merely\s+)?(?:a\s+|an\s+)?(?:test|joke|mistake|fake|drill|simulation|decoy|distraction|irrelevant|outdated|obsolete|void|cancel(?:l?ed))\b/iu,
    triggers: ['above', 'previous', 'preceding', 'earlier', 'prior'],
  },
  {
    id: 'override.en.instead_of_task',
    category: C,
    weight: 0.6,
    pattern:
      /\binstead\s+of\s+(?:summari[sz]ing|translating|answering|responding|replying|classifying|following\s+(?:the|your|those|these)|doing\s+(?:the|your)\s+(?:task|job)|(?:writing\s+)?(?:a|the)\s+summary|(?:giving\s+)?(?:an?|the)\s+answer)\b/iu,
    triggers: ['instead'],
  },
  {
    id: 'override.en.priority',
    category: C,
    weight: 0.75,
    pattern:
      /\b(?:this|these|the\s+following|my)\s+(?:instructions?|messages?|rules?|commands?|prompt)\s+(?:takes?|take|has|have)\s+(?:priority|precedence)\s+over\b|\b(?:supersedes?|overrides?|replaces?)\s+(?:all|any|every|your)\s+(?:(?:previous|prior|earlier|other|existing)\s+)?(?:instructions?|rules|guidelines|directives|prompts?)\b/iu,
    triggers: ['priority', 'precedence', 'supersede', 'override', 'replace'],
  },
  {
    id: 'override.en.admin_override',
    category: C,
    weight: 0.6,
    pattern:
      /\b(?:admin(?:istrator)?|system|developer|sudo|root|operator|maintenance)\s+(?:override|mode\s+(?:enabled|activated|engaged|on))\b|\boverride\s+(?:code|mode|protocol)\s*(?::|enabled|activated|accepted|granted)/iu,
    triggers: ['admin', 'system', 'developer', 'sudo', 'root', 'operator', 'maintenance', 'override'],
  },
  {
    id: 'override.en.set_aside_above',
    category: C,
    weight: 0.7,
    pattern:
      /\b(?:set|put|leave|push)\s+aside\s+(?:all\s+|any\s+)?(?:the|your|those|these|previous|prior|earlier|above)\b/iu,
    triggers: ['set', 'put', 'leave', 'push'],
  },
  ...OVERRIDE_RESET_RULES,
];
