// Fake chat-template tokens and role markers: text that pretends a new system/assistant turn began.
import type { InjectionRule } from './rule.js';

const C = 'prompt_injection.delimiter' as const;

export const DELIMITER_RULES: readonly InjectionRule[] = [
  {
    id: 'delimiter.chatml_token',
    category: C,
    weight: 0.9,
    pattern:
      /<\|\s*(?:im_start|im_end|im_sep|endoftext|system|user|assistant|end|eot_id|eom_id|start_header_id|end_header_id|begin_of_text|end_of_text|fim_(?:prefix|middle|suffix)|endofprompt|tool|ipython)\s*\|>/iu,
    anchored: false,
    triggers: ['<|'],
  },
  {
    id: 'delimiter.llama_inst',
    category: C,
    weight: 0.85,
    pattern: /\[\/?INST\]|<<\/?SYS>>|<\/?s>\s*\[INST\]/u,
    anchored: false,
    triggers: ['[inst]', '[/inst]', '<<sys>>', '<</sys>>'],
  },
  {
    id: 'delimiter.bracket_role',
    category: C,
    weight: 0.6,
    pattern:
      /\[\s*(?:system|sys|admin(?:istrator)?|developer|root|sudo|operator)(?:\s+(?:override|message|note|mode|instructions?|prompt|command))?\s*\]/iu,
    anchored: false,
    triggers: ['system', 'sys', 'admin', 'developer', 'root', 'sudo', 'operator'],
  },
  {
    id: 'delimiter.hash_header',
    category: C,
    weight: 0.65,
    pattern:
      /(?:^|\n)[ \t]*#{2,}[ \t]*(?:system(?:\s+(?:prompt|message|override))?|new\s+(?:instructions?|system\s+prompt|task)|admin(?:istrator)?(?:\s+override)?|developer(?:\s+message)?)[ \t]*(?::|#{2,})/iu,
    anchored: false,
    triggers: ['#'],
  },
  {
    id: 'delimiter.hash_instruction',
    category: C,
    weight: 0.45,
    pattern: /(?:^|\n)[ \t]*#{2,}[ \t]*(?:instructions?|response|assistant|human|user|input)[ \t]*:/iu,
    anchored: false,
    triggers: ['#'],
  },
  {
    id: 'delimiter.role_line_mid_text',
    category: C,
    weight: 0.55,
    // Only after a newline: a role prefix at the very start is how many apps format a single turn.
    pattern: /\n[ \t>*_]*(?:system|developer|system\s+(?:prompt|message|note))[ \t*_]*:[ \t]*\S/iu,
    anchored: false,
    triggers: ['system', 'developer'],
  },
  {
    id: 'delimiter.assistant_line_mid_text',
    category: C,
    weight: 0.45,
    pattern: /\n[ \t>*_]*(?:assistant|ai|chatgpt|gpt|model)[ \t*_]*:[ \t]*\S/iu,
    anchored: false,
    triggers: ['assistant', 'ai', 'gpt', 'model'],
  },
  {
    id: 'delimiter.upper_system_prefix',
    category: C,
    weight: 0.55,
    pattern: /\b(?:SYSTEM|SYSTEM\s+(?:PROMPT|MESSAGE|NOTE|OVERRIDE)|ADMIN|DEVELOPER)\s*:/u,
    triggers: ['system', 'admin', 'developer'],
  },
  {
    id: 'delimiter.json_role',
    category: C,
    weight: 0.6,
    pattern: /["']role["']\s*:\s*["'](?:system|developer|assistant)["']/iu,
    anchored: false,
    triggers: ['role'],
  },
  {
    id: 'delimiter.role_tag',
    category: C,
    weight: 0.65,
    pattern:
      /<\/?\s*(?:system|sys|system[_-]?prompt|system[_-]?message|instructions?|admin|developer|user[_-]?input|user[_-]?query|user|assistant|human|im_start|im_end)\s*>/iu,
    anchored: false,
    triggers: ['system', 'sys', 'instruction', 'admin', 'developer', 'user', 'assistant', 'human', 'im_'],
  },
  {
    id: 'delimiter.html_comment_role',
    category: C,
    weight: 0.6,
    pattern:
      /<!--\s*(?:assistant|system|ai|llm|model|note\s+(?:to|for)\s+(?:the\s+)?(?:ai|assistant|model|llm)|instructions?\s+(?:to|for)\s+(?:the\s+)?(?:ai|assistant|model)|hidden\s+instructions?)\b/iu,
    anchored: false,
    triggers: ['<!--'],
  },
  {
    id: 'delimiter.end_of_input',
    category: C,
    weight: 0.7,
    pattern:
      /\b(?:end|begin(?:ning)?|start)\s+of\s+(?:the\s+)?(?:user\s+(?:input|message|query|prompt|data)|system\s+(?:prompt|message|instructions)|(?:untrusted|external|retrieved)\s+(?:content|input|data|text)|(?:the\s+)?(?:prompt|context|document|input)\s*(?:#{2,}|-{2,}|={2,}|\]|>))/iu,
    triggers: ['end', 'begin', 'start'],
  },
  {
    id: 'delimiter.fake_turn_separator',
    category: C,
    weight: 0.5,
    pattern:
      /(?:^|\n)[ \t]*(?:-{3,}|={3,}|\*{3,})[ \t]*(?:end\s+of\s+\w+|new\s+(?:conversation|session|instructions?|task)|system|admin)\b/iu,
    anchored: false,
    triggers: ['---', '===', '***'],
  },
];
