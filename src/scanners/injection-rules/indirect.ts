// Instructions addressed to the MODEL inside untrusted content (retrieved documents, web pages, tool
// results, e-mails). Data should never instruct, so these run only for trust 'untrusted'.
//
// Documents are full of imperatives to the human reader ("please reply by Friday", "run npm install"),
// so no rule fires on an imperative alone: each needs a marker that the model is the addressee (naming
// the AI/assistant/model, "your response/summary", "the user", "before answering", "instead of ...").
import type { InjectionRule } from './rule.js';

const C = 'prompt_injection.indirect' as const;
const AI_WORDS = [
  'ai',
  'a.i.',
  'llm',
  'gpt',
  'claude',
  'gemini',
  'copilot',
  'bard',
  'bing',
  'language model',
  'assistant',
  'chatbot',
  'chatgpt',
  'bot',
  'model',
  'agent',
];

export const INDIRECT_RULES: readonly InjectionRule[] = [
  {
    id: 'indirect.en.note_to_ai',
    category: C,
    weight: 0.85,
    pattern:
      /\b(?:note|message|instructions?|reminder|memo|attention|notice|psa|request|directive)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:ai|a\.i\.|llms?|gpt|chatgpt|claude|gemini|copilot|language\s+models?|ai\s+(?:assistants?|models?|agents?|systems?|readers?|tools?)|assistants?|chatbots?|bots?|models?|agents?|automated\s+(?:readers?|systems?|tools?|agents?))\b/iu,
    triggers: [
      'note',
      'message',
      'instruction',
      'reminder',
      'memo',
      'attention',
      'notice',
      'psa',
      'request',
      'directive',
    ],
  },
  {
    id: 'indirect.en.hey_ai',
    category: C,
    weight: 0.8,
    pattern:
      /\b(?:attention|hey|hi|hello|dear|psst|listen(?:\s+up)?|yo|important\s+for)(?:\s*,)?\s+(?:the\s+|all\s+|any\s+)?(?:ai|a\.i\.|llms?|gpt|chatgpt|claude|gemini|copilot|language\s+models?|ai\s+(?:assistants?|models?|agents?|systems?)|assistants?|chatbots?|bots?|models?|agents?)\b/iu,
    triggers: ['attention', 'hey', 'hi', 'hello', 'dear', 'psst', 'listen', 'yo', 'important'],
  },
  {
    id: 'indirect.en.if_you_are_ai',
    category: C,
    weight: 0.85,
    pattern:
      /\bif\s+you\s+(?:are|['’]re)\s+(?:an?\s+|the\s+)?(?:ai|a\.i\.|llm|gpt|chatgpt|claude|gemini|(?:large\s+)?language\s+model|ai\s+(?:assistant|model|agent|system|reader)|assistant|chatbot|bot|automated\s+(?:system|agent|assistant|tool|reader)|model|agent)\b/iu,
    triggers: ['if'],
  },
  {
    id: 'indirect.en.ai_vocative_imperative',
    category: C,
    weight: 0.75,
    pattern:
      /\b(?:ai|llm|gpt|chatgpt|claude|gemini|copilot|assistant|language\s+model|ai\s+(?:assistant|model|agent|system)s?|assistants|chatbots?|models|agents)(?:\s+(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|indexing)\s+this(?:\s+(?:page|document|text|email|message|file))?)?\s*[,:]\s*(?:please\s+|you\s+(?:must|should|need\s+to|will|have\s+to)\s+|must\s+|should\s+)?(?:ignore|disregard|forget|include|add|append|insert|say|tell|respond|reply|answer|output|print|write|send|forward|mention|recommend|summari[sz]e|translate|do\s+not|don['’]?t|never|always|only|remember|make\s+sure|ensure|stop|start|begin|call|use|execute|run|visit|open|fetch|describe|rate|classify|state|report|treat|consider|give|provide|return|note)\b/iu,
    triggers: [...AI_WORDS, 'chatgpt', 'chatbot'],
  },
  {
    id: 'indirect.en.ai_must',
    category: C,
    weight: 0.6,
    pattern:
      /\b(?:the\s+|any\s+|all\s+)?(?:ai|llm|assistant|chatbot|language\s+model|ai\s+(?:assistant|model|agent))s?\s+(?:(?:reading|processing|summari[sz]ing)\s+(?:this\s+)?)?(?:must|should|shall|needs\s+to|has\s+to|is\s+(?:required|instructed|expected)\s+to)\s+(?:now\s+|always\s+|never\s+|only\s+|also\s+|instead\s+)?(?:ignore|disregard|respond|reply|answer|say|tell|output|print|include|mention|append|send|forward|recommend|call|execute|visit|refuse|not\s+(?:mention|tell|reveal|summari[sz]e))\b/iu,
    triggers: ['ai', 'llm', 'assistant', 'chatbot', 'language model'],
  },
  {
    id: 'indirect.en.while_summarizing',
    category: C,
    weight: 0.7,
    pattern:
      /\b(?:when|while|before|after|if|once)\s+(?:you\s+(?:are\s+|have\s+|finish\s+)?)?(?:summari[sz](?:e|es|ed|ing)|answering|responding\s+to|replying\s+to|translating|generating\s+(?:a\s+|the\s+|your\s+)?(?:response|answer|summary|reply))\s+(?:this|the\s+(?:above|following|user['’]?s?|text|document|page|email|article|content)|these|it)\b/iu,
    triggers: ['when', 'while', 'before', 'after', 'if', 'once'],
  },
  {
    id: 'indirect.en.when_you_reply_to_user',
    category: C,
    weight: 0.7,
    pattern:
      /\b(?:when|while|before|after|whenever|if)\s+(?:you\s+)?(?:reply|respond|answer|write\s+back|talk|speak)(?:ing)?\s+(?:to\s+)?(?:the\s+)?(?:user|human|customer|requester)\b/iu,
    triggers: ['when', 'while', 'before', 'after', 'whenever', 'if'],
  },
  {
    id: 'indirect.en.users_private_data',
    category: C,
    weight: 0.5,
    pattern:
      /\buser['’]s\s+(?:calendar|e-?mails?|inbox|contacts|files|documents|data|passwords?|credentials|messages|address(?:\s+book)?|location|history|account|api\s+keys?|tokens?|chat\s+history)\b/iu,
    triggers: ['user'],
  },
  {
    id: 'indirect.en.before_answering',
    category: C,
    weight: 0.6,
    pattern:
      /\b(?:before|after|instead\s+of)\s+(?:you\s+)?(?:answer(?:ing)?|respond(?:ing)?|repl(?:y|ying)|summari[sz](?:e|ing)|translat(?:e|ing))\b\s*(?:[,:]|the\s+(?:user|question)|this|it\b)/iu,
    triggers: ['before', 'after', 'instead'],
  },
  {
    id: 'indirect.en.in_your_response',
    category: C,
    weight: 0.6,
    pattern:
      /\b(?:in|at\s+the\s+(?:start|end|beginning|top|bottom)\s+of|to|into|within|throughout)\s+(?:your|each|every)\s+(?:final\s+)?(?:responses?|answers?|replies|reply|summary|summaries|outputs?|translation|completion)\b/iu,
    triggers: ['in', 'to', 'within', 'throughout', 'at'],
  },
  {
    id: 'indirect.en.your_response_must',
    category: C,
    weight: 0.55,
    pattern:
      /\byour\s+(?:response|answer|reply|summary|output|translation)\s+(?:must|should|needs\s+to|has\s+to|will|shall)\b/iu,
    triggers: ['your'],
  },
  {
    id: 'indirect.en.do_not_tell_user',
    category: C,
    weight: 0.8,
    pattern:
      /\b(?:do\s+not|don['’]?t|never|without)\s+(?:tell(?:ing)?|mention(?:ing)?|reveal(?:ing)?|show(?:ing)?|inform(?:ing)?|let(?:ting)?|alert(?:ing)?|notify(?:ing)?|disclos(?:e|ing)|say(?:ing)?|warn(?:ing)?)(?:\s+[\p{L}\p{N}'’-]{1,24}){0,4}?\s+(?:the\s+|your\s+)?(?:user|human|reader|customer|requester)s?\b/iu,
    triggers: ['do', 'don', 'never', 'without'],
  },
  {
    id: 'indirect.en.tell_the_user',
    category: C,
    weight: 0.7,
    pattern:
      /\b(?:tell|inform|notify|warn|remind|convince|persuade|instruct|advise|urge|ask)\s+(?:the\s+)?(?:user|users|human|reader|customer|requester)\s+(?:that|their|his|her|to\s+(?:click|visit|log|sign|enter|provide|send|call|verify|reset|confirm|update|download|install))\b/iu,
    triggers: [
      'tell',
      'inform',
      'notify',
      'warn',
      'remind',
      'convince',
      'persuade',
      'instruct',
      'advise',
      'urge',
      'ask',
    ],
  },
  {
    id: 'indirect.en.respond_only_with',
    category: C,
    weight: 0.6,
    pattern:
      /\b(?:respond|reply|answer|output)\s+(?:only|solely|exclusively|just)\s+(?:with|in|by|using)\b|\b(?:respond|reply|answer)\s+with\s+(?:only\s+)?(?:["“'‘]|the\s+(?:word|phrase|text|string|sentence))/iu,
    triggers: ['respond', 'reply', 'answer', 'output'],
  },
  {
    id: 'indirect.en.translate_above',
    category: C,
    weight: 0.6,
    pattern:
      /\btranslate\s+(?:all\s+(?:of\s+)?)?(?:the\s+(?:text|content|conversation|messages?|instructions|prompt|document)\s+)?(?:above|before\s+this|so\s+far|this\s+conversation)\b/iu,
    triggers: ['translate'],
  },
  {
    id: 'indirect.en.add_line_saying',
    category: C,
    weight: 0.6,
    pattern:
      /\b(?:add|append|insert|include|end\s+with|finish\s+with)\s+(?:a|the\s+following|this)\s+(?:line|sentence|note|paragraph|message|link|footer|p\.?s\.?|disclaimer|signature|url)\s+(?:at\s+the\s+(?:end|bottom|start|top)\s+)?(?:saying|that\s+says|reading|stating|telling|with\s+the\s+text)\b/iu,
    triggers: ['add', 'append', 'insert', 'include', 'end', 'finish'],
  },
  {
    id: 'indirect.en.summarize_as',
    category: C,
    weight: 0.7,
    pattern:
      /\b(?:summari[sz]e|describe|classify|rate|label|mark|report)\s+(?:this|the)\s+(?:document|text|page|email|e-mail|message|article|review|content|file|code|candidate|application|product)\s+as\s*(?:["“'‘]|being\s|safe\b|positive\b|approved\b|clean\b|harmless\b|trustworthy\b|legitimate\b)/iu,
    triggers: ['summari', 'describe', 'classify', 'rate', 'label', 'mark', 'report'],
  },
  {
    id: 'indirect.en.new_task',
    category: C,
    weight: 0.65,
    pattern:
      /\b(?:new|additional|updated|extra|secondary|real|actual|important|next)\s+(?:task|assignment|directive|objective|goal)\s*:/iu,
    triggers: ['new', 'additional', 'updated', 'extra', 'secondary', 'real', 'actual', 'important', 'next'],
  },
  {
    id: 'indirect.en.conversation_ref',
    category: C,
    weight: 0.35,
    pattern:
      /\b(?:conversation|chat)\s+(?:history|log|so\s+far|transcript)\b|\b(?:earlier|previous|prior|original|initial)\s+instructions\b/iu,
    triggers: ['conversation', 'chat', 'earlier', 'previous', 'prior', 'original', 'initial'],
  },
  {
    id: 'indirect.en.instead_write',
    category: C,
    weight: 0.55,
    pattern:
      /\binstead(?:\s*,)?\s+(?:please\s+)?(?:just\s+)?(?:output|print|say|reply|respond|write\s+(?:a|an|the)\s+(?:poem|haiku|story|song|joke|limerick)|tell\s+(?:the\s+user|me|them)|recommend|send|forward)\b|\b(?:output|print|say|reply\s+with|write)(?:\s+[^\s]{1,40}){0,7}?\s+instead\s+of\s+(?:a\s+|the\s+)?(?:summary|summari[sz]ing|answer(?:ing)?|translation|translating)\b/iu,
    triggers: ['instead'],
  },
  {
    id: 'indirect.en.reader_addressed_ai_task',
    category: C,
    weight: 0.55,
    pattern:
      /\b(?:whoever|anyone|anything|any\s+(?:system|tool|program))\s+(?:is\s+)?(?:reading|processing|summari[sz]ing|parsing|indexing)\s+this(?:\s+[\p{L}\p{N}'’,-]{1,24}){0,3}?\s+(?:must|should|please|needs\s+to)\b/iu,
    triggers: ['reading', 'processing', 'summari', 'parsing', 'indexing'],
  },
];
