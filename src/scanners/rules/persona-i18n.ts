// Jailbreak framings in other Latin and Cyrillic script languages: "evil AI without rules", "no
// restrictions", developer mode, staying in character.
import type { InjectionRule } from '../injection-rules.js';

const C = 'jailbreak.persona' as const;

export const PERSONA_I18N_RULES: readonly InjectionRule[] = [
  {
    id: 'persona.i18n.evil_ai',
    category: C,
    weight: 0.8,
    langs: ['de', 'fr', 'es', 'it', 'pt', 'nl', 'ru'],
    pattern:
      /\b(?:böse|bösartige|amoralische|unzensierte|uneingeschränkte)\s+(?:KI|AI)\b|\b(?:IA|AI)\s+(?:maléfique|malveillante|maligne|amorale|sans\s+(?:aucune\s+)?(?:restriction|règle|limite|filtre|censure)s?|malvada|malvagia|malvagio|maligna|malévola|malvada|senza\s+(?:regole|restrizioni|limiti|censura)|sin\s+(?:reglas|restricciones|límites|censura|filtros)|sem\s+(?:regras|restrições|limites|censura|filtros))|\b(?:kwaadaardige|kwade|ongecensureerde)\s+AI\b|(?:зл(?:ой|ая|ым)|аморальн\p{L}{0,6}|бесцензурн\p{L}{0,6})\s+(?:ИИ|AI|искусственн)/iu,
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
    id: 'persona.i18n.no_rules',
    category: C,
    weight: 0.6,
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
    // that Italian "ai" (to the) and Spanish/French "ia" inside prose do not count as "AI".
    id: 'persona.i18n.ai_without_rules',
    category: C,
    weight: 0.6,
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
];
