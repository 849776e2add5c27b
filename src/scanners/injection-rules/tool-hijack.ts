// Attempts to make an agent call tools, fetch URLs or move data somewhere (LLM06 excessive agency, exfiltration).
import type { InjectionRule } from './rule.js';

const C = 'prompt_injection.tool_hijack' as const;
const SEND_VERBS = [
  'send',
  'forward',
  'mail',
  'post',
  'upload',
  'transmit',
  'exfiltrat',
  'leak',
  'submit',
  'deliver',
  'share',
  'dump',
  'pipe',
  'sync',
  'export',
  'report',
];

export const TOOL_HIJACK_RULES: readonly InjectionRule[] = [
  {
    id: 'tool_hijack.en.send_sensitive',
    category: C,
    weight: 0.8,
    pattern:
      /\b(?:send|forward|e-?mail|post|upload|transmit|exfiltrate|leak|submit|deliver|share|dump|pipe|sync|export|report)\s+(?:me\s+|us\s+)?(?:all\s+(?:of\s+)?|every\s+|the\s+|your\s+|this\s+|my\s+|our\s+|their\s+|the\s+user['’]?s?\s+|a\s+copy\s+of\s+(?:the\s+)?)?(?:full\s+|entire\s+|whole\s+|complete\s+|latest\s+|last\s+\d+\s+|recent\s+|previous\s+|private\s+|saved\s+|stored\s+|current\s+)?(?:conversation(?:\s+history)?|chat\s+(?:history|logs?|transcripts?)|(?:message|conversation|browsing|search)\s+history|credentials|passwords?|api\s+keys?|access\s+tokens?|auth(?:entication)?\s+tokens?|session\s+(?:tokens?|cookies?|ids?)|cookies|private\s+keys?|ssh\s+keys?|secrets|system\s+prompt|(?:user['’]?s?\s+)?(?:emails|e-mails|inbox|contacts|address\s+book)|personal\s+(?:data|information|details)|credit\s+card\s+(?:numbers?|details))\b/iu,
    triggers: [...SEND_VERBS, 'email', 'e-mail'],
  },
  {
    id: 'tool_hijack.en.send_to_destination',
    category: C,
    weight: 0.45,
    pattern:
      /\b(?:send|forward|e-?mail|post|upload|transmit|exfiltrate|submit|deliver|report|copy)(?:\s+[^\s]{1,40}){0,8}?\s+(?:to|at)\s+(?:https?:\/\/[\w-]|[\w.+-]{1,64}@[\w-]{1,63}\.\w|the\s+(?:address|url|email|endpoint|webhook|server|link)\s+(?:below|above|in\s+the\s+(?:footer|header|signature)))/iu,
    triggers: [
      'send',
      'forward',
      'mail',
      'post',
      'upload',
      'transmit',
      'exfiltrat',
      'submit',
      'deliver',
      'report',
      'copy',
      'email',
      'e-mail',
    ],
  },
  {
    id: 'tool_hijack.en.url_template_param',
    category: C,
    weight: 0.85,
    pattern:
      /\bhttps?:\/\/[\w.-]{1,100}(?:\/[\w./-]{0,100})?\?(?:[\w-]{1,30}=[\w.-]{0,30}&)?[\w-]{1,30}=[{<[$%]{1,2}[\p{L}_]/iu,
    anchored: false,
    triggers: ['http'],
  },
  {
    id: 'tool_hijack.en.markdown_image_exfil',
    category: C,
    weight: 0.9,
    pattern:
      /!\[[^[\]\n!]{0,80}\]\(https?:\/\/[\w.-]{1,100}(?:\/[\w./-]{0,100})?[?&=/](?:[\w-]{1,30}=)?[{<[$%]/iu,
    anchored: false,
    triggers: ['!['],
  },
  {
    id: 'tool_hijack.en.render_image',
    category: C,
    weight: 0.45,
    pattern:
      /\b(?:render|display|include|show|output|add|insert|append|embed)\s+(?:this\s+|the\s+following\s+|an?\s+)?(?:markdown\s+)?image(?:\s+[^\s]{1,40}){0,8}?\s+(?:url|link|https?:)/iu,
    triggers: ['render', 'display', 'include', 'show', 'output', 'add', 'insert', 'append', 'embed'],
  },
  {
    id: 'tool_hijack.en.fetch_url_with_data',
    category: C,
    weight: 0.75,
    pattern:
      /\b(?:fetch|visit|open|load|request|navigate\s+to|go to|browse\s+to|curl|ping|call|access)\s+(?:this\s+|the\s+following\s+|the\s+)?(?:(?:url|link|page|endpoint|webhook|address|site|website)(?:\s*:\s*|\s+))?[^\s]{1,200}\s+(?:with|appending|including|adding|containing|and\s+(?:append|include|add))\s+(?:the\s+|your\s+|all\s+|a\s+)?(?:conversation|chat|user['’]?s?|summary|data|history|credentials|password|api\s+key|token|secrets?|messages|system\s+prompt|query\s+string\s+containing)\b/iu,
    triggers: [
      'fetch',
      'visit',
      'open',
      'load',
      'request',
      'navigate',
      'go to',
      'browse',
      'curl',
      'ping',
      'call',
      'access',
    ],
  },
  {
    id: 'tool_hijack.en.call_tool',
    category: C,
    weight: 0.45,
    pattern:
      /\b(?:call|invoke|use|execute|trigger|run)\s+(?:the\s+)?[`'"]?[a-z][a-z0-9]{0,30}(?:_[a-z0-9]{1,30}){1,4}[`'"]?\s*(?:\(|tool\b|function\b|action\b|plugin\b|api\b|endpoint\b|with\b)/iu,
    triggers: ['call', 'invoke', 'use', 'execute', 'trigger', 'run'],
  },
  {
    id: 'tool_hijack.en.call_tool_and_send',
    category: C,
    weight: 0.75,
    pattern:
      /\b(?:call|invoke|use|execute|trigger|run)\s+(?:the\s+|your\s+|a\s+)?[\w.-]{1,40}\s+(?:tool|function|plugin|action|api|endpoint|integration)(?:\s+[^\s]{1,40}){0,8}?\s+(?:and\s+)?(?:send|forward|e-?mail|post|upload|transmit|share|delete|transfer|pay|purchase|create|grant)\b/iu,
    triggers: ['tool', 'function', 'plugin', 'action', 'api', 'endpoint', 'integration'],
  },
  {
    id: 'tool_hijack.en.execute_command',
    category: C,
    weight: 0.3,
    pattern:
      /\b(?:execute|run)\s+(?:this|the\s+following|these|that)\s+(?:shell\s+|bash\s+|terminal\s+|system\s+|python\s+|powershell\s+)?(?:commands?|code|script|payload)\b/iu,
    triggers: ['execute', 'run'],
  },
  {
    id: 'tool_hijack.en.execute_on_host',
    category: C,
    weight: 0.7,
    pattern:
      /\b(?:execute|run)(?:\s+[^\s]{1,40}){0,6}?\s+(?:on|in)\s+(?:your|the\s+(?:host|server|user['’]?s))\s+(?:shell|terminal|system|server|machine|sandbox|environment|computer)\b/iu,
    triggers: ['execute', 'run'],
  },
  {
    id: 'tool_hijack.en.pipe_to_shell',
    category: C,
    weight: 0.45,
    pattern: /\b(?:curl|wget)(?:\s+[^\s|]{1,40}){1,8}\s*\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b/iu,
    triggers: ['curl', 'wget'],
  },
  {
    id: 'tool_hijack.en.grant_access',
    category: C,
    weight: 0.6,
    pattern:
      /\bgrant\s+(?:(?:admin(?:istrator)?|root|full|elevated|superuser|owner)\s+)(?:access|privileges|rights|permissions|role)\b/iu,
    triggers: ['grant'],
  },
  {
    id: 'tool_hijack.en.approve_without_checking',
    category: C,
    weight: 0.7,
    pattern:
      /\b(?:approve|authori[sz]e|accept|confirm|merge|pay|process)\s+(?:this|the|all|every|any)\s+(?:\w+\s+)?(?:requests?|transactions?|payments?|transfers?|refunds?|invoices?|pull\s+requests?|orders?|changes?)\s+(?:without|with no)\s+(?:any\s+)?(?:checking|checks|verification|verifying|review|reviewing|validation|questions?|confirmation)\b/iu,
    triggers: ['approve', 'authori', 'accept', 'confirm', 'merge', 'pay', 'process'],
  },
];
