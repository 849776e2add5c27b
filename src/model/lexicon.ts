// Lexicon cues: word classes of attacks on a prompted app, and their co-occurrence, as model features.
// An attack says the same thing in many words: "ignore ~ overlook ~ disregard ~ set aside" the "instructions
// ~ rules ~ guidelines ~ what you were told"; "what is the password ~ passcode ~ secret key ~ discount code";
// "developer ~ maintenance ~ law-enforcement MODE"; "I am your developer"; in data read by an agent, "grant ~
// transfer ~ delete … access ~ funds ~ files". Each token of canonical text is looked up in a lexicon of such
// classes (English from WordNet 3.1 synonyms, wordnet-classes.ts, with inflected forms; phrase tables for 26
// more languages written here; Chinese and Japanese by phrase patterns), and a cue fires where two classes
// meet within a few tokens (a verb and its object), or where a single class word stands. Misspelt words still
// match: every English and Latin-script word of 6+ letters is also stored with one letter missing or two
// adjacent letters swapped ("everthing", "instrucions", "passwrod"). The heads learn what each cue is worth
// (rule-features.ts); a cue is never a verdict by itself.
import type { Span } from '../core/types.js';
import { tables } from './char-tables.js';
import { WORDNET_CLASSES } from './wordnet-classes.js';

/** Word classes (bit flags of a token). */
const OVR = 1; // setting instructions aside (verbs)
const INS = 2; // what the model was told (nouns, "told", "instructed")
const PRI = 4; // earlier / above / everything
const SEC = 8; // secrets a prompted app keeps (password, passcode, secret key, discount code, system prompt)
const ASK = 16; // asking for something (what is, tell, give, reveal, print)
const AUT = 32; // authority (system, admin, developer, debug, maintenance, law enforcement)
const MOD = 64; // a mode or privilege (mode, override, access, clearance, reset)
const ACT = 128; // acting on data or an account (grant, transfer, send, delete, update)
const AST = 256; // what an agent acts on (access, funds, files, password, account, repository)
const CLM = 512; // claiming to be (I am, as, this is)
const YOU = 1024; // your
const OWN = 2048; // whoever owns the model (developer, creator, administrator, operator)

type Table = Record<string, Partial<Record<number, string>>>;

// Entries are '|'-separated; one to three words each; a trailing '*' matches any longer word starting with the
// stem, for the inflected languages.
const TABLE: Table = {
  en: {
    [OVR]:
      "pay no attention|pay no heed|don't follow|do not follow|stop following|no longer follow|forget about|throw out|drop|get rid of|put aside|look past|not obey|don't obey|stop obeying|override|break free",
    [INS]:
      'told|instructed|taught|programmed|trained|said|asked|system prompt|initial prompt|guardrails|guardrail|limits|boundaries|ethics|morals|training|settings|configuration|context|orders|conditioning',
    [PRI]:
      'previous|previously|prior|earlier|above|preceding|foregoing|before|everything|initial|original|former|aforementioned|existing|all that|all of that|whatever',
    [SEC]:
      'secret key|api key|access key|access code|discount code|coupon code|promo code|voucher code|gift code|pin|pin code|private key|security code|verification code|otp|access token|auth token|secret word|code word|system prompt|hidden prompt|confidential|safe combination',
    [ASK]:
      "what|what's|whats|tell|give|provide|reveal|share|show|print|disclose|leak|output|repeat|spell|display|expose|dump|recite|hand over|remind me|need|want",
    [AUT]:
      'system|admin|administrator|administrative|developer|dev|debug|debugging|maintenance|law enforcement|police|fbi|root|sudo|superuser|god|emergency|diagnostic|diagnostics|test|testing|service|master|unrestricted|privileged|engineering|security|jailbreak|jailbroken|dan|unlocked|unfiltered|uncensored|internal|operator|supervisor|elevated|override|developer mode',
    [MOD]:
      'mode|override|access|privileges|privilege|clearance|protocol|reset|authority|console|session|rights|level|permission|permissions|status|authorization|authorisation|instance|shell',
    [ACT]:
      'add|give|pay|refund|invite|elevate|escalate|promote|unlock|email|e-mail|publish|make|set|change|modify|execute|purchase|buy|book|cancel|move|copy|post|drain|withdraw',
    [AST]:
      'access|permission|permissions|privileges|rights|admin|administrator|role|funds|money|payment|payments|bitcoin|btc|crypto|wallet|balance|dollars|usd|eur|euros|password|passwords|credentials|file|files|folder|folders|record|records|database|table|tables|account|accounts|repository|repo|branch|key|keys|token|tokens|data|contacts|emails|e-mails|inbox|messages|documents|history|conversation|ownership|users|user|customers|backups|logs|secrets|settings|invoice|invoices|card|cards|ssh key',
    [CLM]: "i am|i'm|im|as|this is|speaking as|it's|we are|we're|acting as",
    [YOU]: 'your|ur|yours|thy',
    [OWN]:
      'developer|developers|creator|creators|maker|makers|programmer|programmers|admin|administrator|owner|owners|operator|operators|engineer|engineers|trainer|trainers|designer|boss|master|supervisor|openai|anthropic|system administrator',
  },
  de: {
    [OVR]:
      'ignorier*|vergiss|vergessen|vergesst|missacht*|übergeh*|überspring*|umgehe|umgehen|umgeh|verwirf|verwerfen|beachte nicht|befolge nicht|hör auf|setze außer kraft|außer acht',
    [INS]:
      'anweisung*|anleitung*|regel|regeln|richtlinie*|vorgabe*|befehl*|instruktion*|einschränkung*|beschränkung*|vorschrift*|gesagt|angewiesen|beigebracht|programmiert|systemprompt*',
    [PRI]: 'vorherig*|bisherig*|früher*|obig*|alles|vorangegangen*|ursprünglich*|zuvor|vorhin',
    [SEC]:
      'passwort*|kennwort*|geheimschlüssel*|geheimnis*|rabattcode*|gutscheincode*|zugangsdaten|zugangscode*|pin|api-schlüssel*',
    [ASK]: 'wie lautet|wie lauten|was ist|sag|sage|nenne|gib|zeig*|verrate|verrat|schreib*|gib mir|ausgeben',
    [AUT]:
      'system*|admin*|entwickler*|debug*|wartung*|polizei*|strafverfolgung*|notfall*|root|diagnose*|test*|sicherheit*',
    [MOD]: 'modus|zugriff*|zugang*|rechte|berechtigung*|freigabe*|protokoll*|reset|zurücksetz*|konsole',
    [ACT]:
      'gewähr*|überweis*|send*|lösch*|entfern*|aktualisier*|änder*|teile|leite|weiterleit*|exportier*|hochlad*',
    [AST]:
      'zugriff*|zugang*|rechte|berechtigung*|geld*|konto*|dateien|datei|daten|passwort*|kennwort*|repository|kontakte|nachrichten|dokumente',
    [CLM]: 'ich bin|als|hier ist|hier spricht',
    [YOU]: 'dein|deine|deinen|deinem|deiner|ihr|ihre|ihren',
    [OWN]: 'entwickler*|schöpfer*|ersteller*|programmierer*|administrator*|admin|betreiber*|besitzer*',
  },
  fr: {
    [OVR]:
      'ignore*|oublie*|néglige*|contourne*|outrepasse*|fais abstraction|ne tiens pas compte|ne suis plus|ne respecte plus|passe outre|mets de côté|écarte*|désobéi*',
    [INS]:
      'instruction*|consigne*|règle*|directive*|ordre*|commande*|restriction*|contrainte*|dit|appris|programmé*|prompt*',
    [PRI]:
      "précédent*|antérieur*|ci-dessus|tout|initial|initiale|initiales|initiaux|originel*|auparavant|plus haut|tout ce qu'on",
    [SEC]:
      "mot de passe|mots de passe|code secret|clé secrète|clé api|code promo|code de réduction|identifiant*|code d'accès|secret|secrète|secrets",
    [ASK]:
      'quel|quelle|quels|dis|dis-moi|donne|donne-moi|révèle*|montre|montre-moi|montrez|affiche*|partage*|écris|imprime*|indique*|fournis',
    [AUT]:
      "système|admin*|développeur*|débogage|debug|maintenance|police|forces de l'ordre|urgence|root|diagnostic*|test|sécurité",
    [MOD]: 'mode|accès|droits|privilège*|autorisation*|protocole*|réinitialisation|console',
    [ACT]:
      'accorde*|transfère*|vire*|envoie*|supprime*|efface*|mets à jour|modifie*|change*|partage*|exporte*',
    [AST]:
      'accès|droits|fonds|argent|compte*|fichier*|données|mot de passe|dossier*|contacts|messages|documents',
    [CLM]: "je suis|en tant que|ici|c'est",
    [YOU]: 'ton|ta|tes|votre|vos',
    [OWN]: 'développeur*|créateur*|concepteur*|programmeur*|administrateur*|propriétaire*|opérateur*',
  },
  es: {
    [OVR]:
      'ignora|ignore|ignoren|ignorar|ignorad|olvida*|omite|omitir|pasa por alto|haz caso omiso|no sigas|deja de seguir|desobedece*|salta*|elude*|descarta*|desestima*|no hagas caso',
    [INS]:
      'instrucci*|regla*|norma|normas|directriz*|directrices|orden*|indicaci*|restricci*|pauta*|dicho|programad*|enseñad*|prompt*',
    [PRI]: 'anterior*|previa*|previo*|todo|lo que|arriba|inicial*|original*|antes',
    [SEC]:
      'contraseña*|clave secreta|clave|código secreto|código de descuento|código promocional|credencial*|pin|secreto*',
    [ASK]: 'cuál|cual|qué|que es|dime|dame|revela*|muestra*|comparte*|escribe*|imprime*|proporciona*|indica*',
    [AUT]:
      'sistema|admin*|desarrollador*|depuraci*|mantenimiento|policía|policia|emergencia|root|diagnóstico|prueba*|seguridad',
    [MOD]: 'modo|acceso|derechos|privilegio*|permiso*|protocolo*|reinicio|reinicia*|consola',
    [ACT]: 'concede*|otorga*|transfiere*|envía*|envia*|borra*|elimina*|actualiza*|cambia*|comparte*|exporta*',
    [AST]:
      'acceso|permiso*|fondos|dinero|cuenta*|archivo*|datos|contraseña*|carpeta*|contactos|mensajes|documentos',
    [CLM]: 'soy|como|habla|aquí',
    [YOU]: 'tu|tus|su|sus|vuestro*',
    [OWN]: 'desarrollador*|creador*|programador*|administrador*|propietario*|dueño*|operador*',
  },
  it: {
    [OVR]:
      'ignora|ignorare|ignorate|ignori|dimentica*|trascura*|tralascia*|aggira*|non seguire|smetti di seguire|non rispettare|salta*|scarta*|disobbedisci',
    [INS]:
      'istruzion*|regol*|direttiv*|indicazion*|ordini|ordine|comand*|restrizion*|vincol*|detto|programmat*|insegnat*|prompt*',
    [PRI]: 'precedent*|tutto|sopra|iniziali|iniziale|original*|prima',
    [SEC]:
      'password|parola d’ordine|parola chiave|chiave segreta|codice segreto|codice sconto|codice promozionale|credenzial*|pin|segret*',
    [ASK]: 'qual|quale|dimmi|dammi|rivela*|mostra*|condividi*|scrivi*|stampa*|fornisci*|indica*',
    [AUT]: 'sistema|admin*|sviluppator*|debug|manutenzione|polizia|emergenza|root|diagnostic*|test|sicurezza',
    [MOD]: 'modalità|accesso|diritti|privilegi*|permess*|protocollo|reset|console',
    [CLM]: 'sono|come|in qualità di',
    [YOU]: 'tuo|tua|tuoi|tue|vostro*',
    [OWN]: 'sviluppator*|creator*|programmator*|amministrator*|proprietari*|operator*',
  },
  pt: {
    [OVR]:
      'ignore|ignora|ignorar|ignorem|esqueç*|esquec*|desconsider*|deixe de seguir|não siga|pule|pular|contorne*|descarte*|desobedeç*',
    [INS]:
      'instruç*|regra*|diretriz*|diretrizes|orden*|comando*|restriç*|norma|normas|dito|programad*|ensinad*|prompt*',
    [PRI]: 'anterior*|prévi*|tudo|acima|inicial|iniciais|original|originais|antes',
    [SEC]: 'senha*|chave secreta|código secreto|código de desconto|cupom|credencia*|pin|segredo*',
    [ASK]:
      'qual|quais|diga*|me diga|dê|me dê|revele*|mostre*|compartilhe*|escreva*|imprima*|forneça*|informe|informe-me',
    [AUT]:
      'sistema|admin*|desenvolvedor*|depuração|manutenção|polícia|emergência|root|diagnóstico|teste*|segurança',
    [MOD]: 'modo|acesso|direitos|privilégio*|permiss*|protocolo*|reinicializa*|console',
    [CLM]: 'sou|como|aqui é|eu sou',
    [YOU]: 'seu|sua|seus|suas|teu|tua',
    [OWN]: 'desenvolvedor*|criador*|programador*|administrador*|proprietári*|dono|donos|operador*',
  },
  nl: {
    [OVR]:
      'negeer*|vergeet|vergeten|omzeil*|sla over|overslaan|volg niet|niet opvolgen|laat varen|schenk geen aandacht',
    [INS]:
      'instructie*|regel*|richtlijn*|opdracht*|bevel*|beperking*|voorschrift*|verteld|geïnstrueerd|geprogrammeerd|prompt*',
    [PRI]: 'vorige|eerdere|eerder|bovenstaande|alles|oorspronkelijk*|voorgaande',
    [SEC]: 'wachtwoord*|geheime sleutel|kortingscode*|toegangscode*|inloggegevens|pincode|geheim*',
    [ASK]: 'wat is|vertel|geef|onthul*|toon|laat zien',
    [AUT]:
      'systeem*|admin*|ontwikkelaar*|debug*|onderhoud*|politie*|noodmodus|nood|root|diagnose*|test*|beveiliging*',
    [MOD]: 'modus|toegang|rechten|bevoegdhe*|protocol|reset|console',
    [CLM]: 'ik ben|als|dit is',
    [YOU]: 'je|jouw|uw',
    [OWN]: 'ontwikkelaar*|maker*|schepper*|programmeur*|beheerder*|eigenaar*',
  },
  sv: {
    [OVR]: 'ignorera*|glöm|strunta i|bortse från|hoppa över|kringgå|följ inte|sluta följa',
    [INS]: 'instruktion*|regl*|regel|riktlinj*|order|direktiv*|begränsning*|tillsagd|instruerad|programmerad',
    [PRI]: 'tidigare|föregående|ovanstående|allt|ursprungliga',
    [SEC]: 'lösenord*|hemlig nyckel|rabattkod*|åtkomstkod*|pinkod|hemlighet*',
    [ASK]: 'vad är|berätta|ge mig|avslöja|visa mig',
    [AUT]: 'system*|admin*|utvecklar*|felsökning*|underhåll*|polis|polisen|nöd*|root|test*',
    [MOD]: 'läge|läget|åtkomst|rättigheter|behörighet*|protokoll|återställning',
    [YOU]: 'din|ditt|dina',
    [OWN]: 'utvecklare|skapare|programmerare|administratör*|ägare',
  },
  da: {
    [OVR]: 'ignorer*|glem|se bort fra|spring over|omgå|følg ikke|hold op med at følge|tilsidesæt*',
    [INS]:
      'instruktion*|regl*|regel|retningslinj*|ordre*|direktiv*|begrænsning*|fortalt|instrueret|programmeret',
    [PRI]: 'tidligere|foregående|ovenstående|alt|oprindelige',
    [SEC]: 'adgangskode*|kodeord*|hemmelig nøgle|rabatkode*|pinkode|hemmelighed*',
    [ASK]: 'hvad er|fortæl|giv mig|afslør|vis mig',
    [AUT]: 'system*|admin*|udvikler*|fejlfinding*|vedligehold*|politi|politiet|nød*|root|test*',
    [MOD]: 'tilstand|adgang|rettigheder|tilladelse*|protokol|nulstilling',
    [YOU]: 'din|dit|dine',
    [OWN]: 'udvikler*|skaber*|programmør*|administrator*|ejer*',
  },
  nb: {
    [OVR]: 'ignorer*|glem|se bort fra|hopp over|omgå|ikke følg|slutt å følge|overstyr*',
    [INS]: 'instruksjon*|regl*|regel|retningslinj*|ordre*|begrensning*|fortalt|instruert|programmert',
    [PRI]: 'tidligere|forrige|ovenstående|alt|opprinnelige',
    [SEC]: 'passord*|hemmelig nøkkel|rabattkode*|tilgangskode*|pinkode|hemmelighet*',
    [ASK]: 'hva er|fortell|gi meg|avslør|vis meg',
    [AUT]: 'system*|admin*|utvikler*|feilsøking*|vedlikehold*|politi|politiet|nød*|root|test*',
    [MOD]: 'modus|tilgang|rettigheter|tillatelse*|protokoll|tilbakestilling',
    [YOU]: 'din|ditt|dine',
    [OWN]: 'utvikler*|skaper*|programmerer*|administrator*|eier*',
  },
  pl: {
    [OVR]:
      'zignoruj*|ignoruj*|zapomnij|pomiń|pomin*|omiń|obejdź|nie stosuj|nie przestrzegaj|przestań przestrzegać|zlekceważ*|lekceważ*|odrzuć',
    [INS]:
      'instrukcj*|polece*|zasad*|reguł*|wytyczn*|ogranicze*|nakaz*|rozkaz*|powiedziano|zaprogramowan*|prompt*',
    [PRI]: 'poprzedni*|wcześniejsz*|powyższ*|wszystko|wszystkie|początkow*|oryginaln*',
    [SEC]:
      'hasło|hasła|hasl*|klucz*|kod rabatow*|kod dostępu|kod promocyjn*|dane logowania|pin|sekret*|tajn*',
    [ASK]: 'jaki|jakie|jaka|podaj|powiedz|daj|ujawnij|pokaż|udostępnij|napisz|wypisz|wyświetl',
    [AUT]:
      'system*|admin*|deweloper*|programist*|debug*|konserwacj*|serwisow*|policj*|organów ścigania|awaryjn*|root|diagnostyczn*|testow*',
    [MOD]: 'tryb*|dostęp*|uprawnie*|przywilej*|protok*|reset*|konsol*',
    [CLM]: 'jestem|jako|tu|mówi',
    [YOU]: 'twój|twoj*|twoim|wasz*',
    [OWN]: 'twórc*|twórca|deweloper*|programist*|administrator*|właściciel*|operator*',
  },
  cs: {
    [OVR]: 'ignoruj*|zapomeň|zapomen*|přeskoč*|obejdi|nedodržuj|nerespektuj|přestaň dodržovat|zahoď',
    [INS]: 'instrukc*|pokyn*|pravidl*|směrnic*|omezen*|příkaz*|naprogramován*|řečeno',
    [PRI]: 'předchozí*|dřívější*|výše|všechno|vše|původní*',
    [SEC]: 'heslo|hesla|hesl*|tajný klíč|slevový kód|přístupový kód|přihlašovací údaje|pin|tajemstv*',
    [ASK]: 'jaké|jaký|jaká|řekni|dej|prozraď|ukaž|sdílej|napiš|vypiš',
    [AUT]: 'systém*|admin*|vývojář*|ladicí|údržb*|policie|policejní|nouzov*|root|diagnostick*|testovac*',
    [MOD]: 'režim*|přístup*|práv*|oprávněn*|protokol*|reset*',
    [YOU]: 'tvůj|tvoj*|tvé|váš|vaš*',
    [OWN]: 'vývojář*|tvůrc*|tvůrce|programátor*|administrátor*|vlastník*',
  },
  ro: {
    [OVR]: 'ignoră|ignora|ignorați|uită|uitați|nu urma|nu respecta|treci peste|ocolește|încalcă|neglijează',
    [INS]:
      'instrucțiun*|instructiun*|regula|regulile|regulilor|reguli|directiv*|ordinele|ordinul|comenz*|restricți*|spus|programat*|prompt*',
    [PRI]: 'anterioar*|precedent*|tot|totul|de mai sus|inițial*|original*',
    [SEC]:
      'parola|parolă|parol*|cheie secretă|cheia secretă|cod de reducere|cod secret|credențial*|pin|secretul|secretă',
    [ASK]: 'care este|ce este|spune-mi|spune|dă-mi|dezvăluie|arată|afișează|oferă',
    [AUT]:
      'sistem*|admin*|dezvoltator*|depanare|mentenanță|întreținere|poliți*|urgență|root|diagnostic*|test*',
    [MOD]: 'mod|modul|acces|drepturi|privilegi*|permisiun*|protocol*|resetare',
    [YOU]: 'tău|ta|tale|dumneavoastră|vostru',
    [OWN]: 'dezvoltator*|creator*|programator*|administrator*|proprietar*',
  },
  ru: {
    [OVR]:
      'игнорир*|проигнорир*|забудь*|забыть|не обращай|не обращайте|не следуй|перестань следовать|пропусти*|обойди*|отбрось*|пренебреги|не соблюдай|не выполняй',
    [INS]:
      'инструкци*|указани*|правил*|предписани*|команд*|ограничени*|директив*|приказ*|сказали|сказано|запрограммир*|промпт*',
    [PRI]: 'предыдущ*|прежн*|ранее|выше|всё|все|вышеизложенн*|изначальн*|исходн*',
    [SEC]:
      'парол*|секретный ключ|секретного ключа|ключ|код скидки|промокод*|код доступа|учётные данные|учетные данные|пин|секрет*',
    [ASK]: 'какой|какая|каков|скажи|назови|дай|раскрой|покажи|выведи|напиши|сообщи|поделись',
    [AUT]:
      'систем*|админ*|разработчик*|отладк*|обслуживани*|техобслуживани*|полици*|правоохранительн*|экстренн*|аварийн*|root|диагностическ*|тестов*',
    [MOD]: 'режим*|доступ*|права|прав|правами|привилеги*|полномочи*|протокол*|сброс*|консоль|консоли',
    [ACT]: 'предоставь|выдай|переведи|отправь|перешли|удали|сотри|обнови|измени|смени',
    [AST]:
      'доступ*|права|деньги|средства|счёт|счет|аккаунт*|файл*|данные|парол*|репозитори*|контакты|сообщения|документы',
    [CLM]: 'я|как|это',
    [YOU]: 'твой|твоя|твои|твоего|ваш*',
    [OWN]: 'разработчик*|создател*|программист*|администратор*|владел*|оператор*',
  },
  uk: {
    [OVR]: 'ігноруй*|проігноруй*|забудь*|не зважай|не зважайте|не дотримуйся|пропусти*|обійди*|відкинь',
    [INS]: 'інструкці*|вказівк*|правил*|команд*|обмеженн*|директив*|наказ*|сказали|запрограмован*',
    [PRI]: 'попередн*|раніше|вище|все|усе|всі|початков*',
    [SEC]: 'парол*|секретний ключ|ключ|код знижки|промокод*|код доступу|облікові дані|пін|секрет*',
    [ASK]: 'який|яка|скажи|назви|дай|розкрий|покажи|виведи|напиши|повідом',
    [AUT]:
      'систем*|адмін*|розробник*|налагодженн*|обслуговуванн*|поліці*|правоохорон*|екстрен*|аварійн*|root|діагностичн*|тестов*',
    [MOD]: 'режим*|доступ*|права|прав|привіле*|повноваженн*|протокол*|скидання',
    [YOU]: 'твій|твоя|твої|ваш*',
    [OWN]: 'розробник*|творц*|творець|програміст*|адміністратор*|власник*',
  },
  sr: {
    [OVR]:
      'ignoriši|ignorisi|ignorišite|zaboravi|zanemari|preskoči|zaobiđi|ne poštuj|игнориши|заборави|занемари|прескочи|не поштуј',
    [INS]:
      'uputstv*|instrukcij*|pravil*|naredb*|ograničenj*|direktiv*|упутств*|инструкциј*|правил*|наредб*|ограничењ*',
    [PRI]: 'prethodn*|ranij*|sve|gore|početn*|претходн*|раниј*|све|почетн*',
    [SEC]: 'lozink*|šifr*|tajni ključ|kod za popust|pristupni kod|pin|лозинк*|шифр*|тајни кључ|код за попуст',
    [ASK]: 'koja|koji|reci|daj|otkrij|pokaži|napiši|која|који|реци|дај|откриј|покажи|напиши',
    [AUT]:
      'sistem*|admin*|programer*|održavanj*|policij*|hitn*|систем*|админ*|програмер*|одржавањ*|полициј*|хитн*',
    [MOD]: 'režim*|mod|pristup*|prava|privilegij*|protokol*|режим*|мод|приступ*|права|привилегиј*|протокол*',
    [YOU]: 'tvoj*|vaš*|твој*|ваш*',
    [OWN]:
      'programer*|tvorac|kreator*|administrator*|vlasnik*|програмер*|творац|креатор*|администратор*|власник*',
  },
  tr: {
    [OVR]:
      'yoksay*|görmezden gel*|unut*|boşver*|atla|atlayın|uyma|uymayı bırak|dikkate alma|ihmal et*|hiçe say*',
    [INS]: 'talimat*|kural*|yönerge*|komut*|emir*|kısıtlama*|yönlendirme*|söylenen*|programlan*',
    [PRI]: 'önceki|önceden|yukarıdaki|her şeyi|tümünü|hepsini|ilk|orijinal',
    [SEC]: 'şifre*|parola*|gizli anahtar*|indirim kodu*|erişim kodu*|kimlik bilgileri*|pin|sır|sırrı|sırrını',
    [ASK]: 'nedir|nelerdir|söyle|söyler misin|bana ver|açıkla|göster|paylaş|yazdır',
    [AUT]:
      'sistem*|yönetici*|admin*|geliştirici*|hata ayıklama|bakım*|polis|polise|kolluk|acil|root|tanılama|test*',
    [MOD]: 'mod|modu|moda|modunu|erişim*|yetki*|ayrıcalık*|protokol*|sıfırlama',
    [YOU]: 'senin|sizin',
    [OWN]: 'geliştirici*|yaratıcı*|programcı*|yönetici*|sahib*|operatör*',
  },
  id: {
    [OVR]:
      'abaikan|lupakan|lewati|jangan ikuti|berhenti mengikuti|langgar|hiraukan|acuhkan|kesampingkan|singkirkan',
    [INS]: 'instruksi|perintah|aturan|pedoman|arahan|petunjuk|batasan|larangan|diberitahu|diprogram',
    [PRI]: 'sebelumnya|terdahulu|di atas|semua|segala|awal|asli',
    [SEC]: 'kata sandi|sandi|kunci rahasia|kode diskon|kode akses|kode promo|kredensial|pin|rahasia',
    [ASK]: 'apa|berikan|beri|katakan|sebutkan|ungkapkan|tunjukkan|bagikan|tulis|tampilkan',
    [AUT]:
      'sistem|admin|administrator|pengembang|debug|pemeliharaan|polisi|penegak hukum|darurat|root|diagnostik|uji',
    [MOD]: 'mode|akses|hak|izin|protokol|reset|konsol',
    [YOU]: 'anda|kamu|mu',
    [OWN]: 'pengembang|pembuat|pencipta|pemrogram|administrator|pemilik|operator',
  },
  vi: {
    [OVR]: 'bỏ qua|phớt lờ|quên|quên đi|không tuân theo|không làm theo|lờ đi|gạt bỏ|vượt qua',
    [INS]: 'hướng dẫn|chỉ dẫn|chỉ thị|quy tắc|lệnh|mệnh lệnh|nguyên tắc|giới hạn|hạn chế|được dặn',
    [PRI]: 'trước đó|trước|ở trên|tất cả|mọi thứ|ban đầu',
    [SEC]: 'mật khẩu|khóa bí mật|mã giảm giá|mã truy cập|mã pin|bí mật',
    [ASK]: 'là gì|gì|cho tôi|nói|tiết lộ|hiển thị|chia sẻ|viết',
    [AUT]: 'hệ thống|quản trị|nhà phát triển|gỡ lỗi|bảo trì|cảnh sát|khẩn cấp|chẩn đoán|kiểm thử',
    [MOD]: 'chế độ|quyền|truy cập|đặc quyền|giao thức|đặt lại',
    [YOU]: 'của bạn',
    [OWN]: 'nhà phát triển|người tạo|lập trình viên|quản trị viên|chủ sở hữu',
  },
  ar: {
    [OVR]: 'تجاهل|تجاهلي|تجاهلوا|انس|انسى|انسي|تخط|تخطى|تجاوز|لا تتبع|لا تلتزم|أهمل|اهمل',
    [INS]:
      'التعليمات|تعليمات|تعليماتك|الإرشادات|إرشادات|القواعد|قواعد|الأوامر|أوامر|التوجيهات|توجيهات|القيود|قيود|قيل',
    [PRI]: 'السابقة|السابق|سابقة|أعلاه|كل|جميع|الأصلية|الأولية',
    [SEC]:
      'كلمة المرور|كلمة السر|المفتاح السري|مفتاح سري|رمز الخصم|كود الخصم|رمز الدخول|بيانات الاعتماد|الرقم السري|سر|السر',
    [ASK]: 'ما|ما هي|ما هو|أعطني|اعطني|أخبرني|اخبرني|اكشف|أظهر|اظهر|شارك|اكتب',
    [AUT]:
      'النظام|نظام|المسؤول|مسؤول|المطور|مطور|تصحيح|الصيانة|صيانة|الشرطة|شرطة|الطوارئ|طوارئ|الجذر|تشخيص|اختبار',
    [MOD]: 'وضع|الوضع|صلاحيات|الصلاحيات|وصول|الوصول|امتيازات|بروتوكول|إعادة تعيين',
    [YOU]: 'مطورك|منشئك|صانعك|مسؤولك',
    [OWN]: 'المطور|مطورك|المنشئ|منشئك|المبرمج|المسؤول|المالك',
  },
  hi: {
    [OVR]: 'अनदेखा|नजरअंदाज|नज़रअंदाज़|भूल|भूल जाओ|उपेक्षा|पालन न|मत मानो|छोड़ दो',
    [INS]: 'निर्देश|निर्देशों|नियम|नियमों|आदेश|आदेशों|दिशानिर्देश|दिशानिर्देशों|प्रतिबंध|प्रतिबंधों|बताया',
    [PRI]: 'पिछले|पिछला|पहले|ऊपर|सभी|सब|सब कुछ|मूल',
    [SEC]: 'पासवर्ड|गुप्त कुंजी|छूट कोड|डिस्काउंट कोड|एक्सेस कोड|पिन|रहस्य|गुप्त',
    [ASK]: 'क्या|बताओ|बताइए|दो|दीजिए|दिखाओ|साझा|लिखो',
    [AUT]: 'सिस्टम|व्यवस्थापक|एडमिन|डेवलपर|डीबग|रखरखाव|पुलिस|कानून प्रवर्तन|आपातकालीन|परीक्षण',
    [MOD]: 'मोड|पहुंच|पहुँच|अधिकार|विशेषाधिकार|प्रोटोकॉल|रीसेट',
    [YOU]: 'तुम्हारा|तुम्हारे|आपका|आपके',
    [OWN]: 'डेवलपर|निर्माता|प्रोग्रामर|व्यवस्थापक|मालिक',
  },
  el: {
    [OVR]: 'αγνόησε|αγνοήστε|ξέχασε|ξεχάστε|παράβλεψε|παρακάμψε|μην ακολουθείς|μην ακολουθήσεις|αψήφησε',
    [INS]: 'οδηγί*|κανόν*|εντολ*|περιορισμ*|διαταγ*|είπαν|προγραμματισ*',
    [PRI]: 'προηγούμεν*|παραπάνω|όλα|όλες|αρχικ*',
    [SEC]:
      'κωδικό πρόσβασης|κωδικός πρόσβασης|συνθηματικό|μυστικό κλειδί|κωδικό έκπτωσης|κωδικός έκπτωσης|pin|μυστικ*',
    [ASK]: 'ποιος|ποιο|ποια|πες|δώσε|αποκάλυψε|δείξε|μοιράσου|γράψε',
    [AUT]:
      'σύστημα*|συστήματος|διαχειριστ*|προγραμματιστ*|αποσφαλμάτωσ*|συντήρησ*|αστυνομ*|έκτακτ*|διαγνωστικ*|δοκιμ*',
    [MOD]: 'λειτουργία|πρόσβαση|δικαιώματα|προνόμια|πρωτόκολλο|επαναφορά',
    [YOU]: 'σου|σας',
    [OWN]: 'προγραμματιστ*|δημιουργ*|διαχειριστ*|ιδιοκτήτ*',
  },
  hu: {
    [OVR]:
      'hagyd figyelmen kívül|figyelmen kívül|felejtsd el|felejts el|ne kövesd|ugord át|kerüld meg|szegd meg|hagyd',
    [INS]: 'utasítás*|szabály*|irányelv*|parancs*|korlátozás*|előír*|mondták|programoz*',
    [PRI]: 'korábbi*|előző*|fenti*|mindent|minden|eredeti*',
    [SEC]: 'jelszó|jelszav*|titkos kulcs*|kedvezménykód*|hozzáférési kód*|pin|titk*',
    [ASK]: 'mi a|mondd|áruld el|mutasd|írd',
    [AUT]: 'rendszer*|admin*|fejlesztő*|hibakeres*|karbantart*|rendőr*|vészhelyzet*|root|diagnosztik*|teszt*',
    [MOD]: 'mód*|hozzáférés*|jogosultság*|jogok|protokoll*|visszaállítás',
    [YOU]: 'a te|az ön',
    [OWN]: 'fejlesztő*|alkotó*|készítő*|programozó*|adminisztrátor*|tulajdonos*',
  },
  fi: {
    [OVR]: 'ohita|ohittakaa|unohda|unohtakaa|älä noudata|älä välitä|sivuuta|jätä huomiotta|kierrä',
    [INS]: 'ohje*|sääntö*|sääntöj*|käsky*|komen*|rajoitu*|määräy*|kerrottu|ohjelmoitu',
    [PRI]: 'aiemm*|edellis*|yllä|kaikki|alkuperäis*',
    [SEC]: 'salasana*|salainen avain|alennuskoodi*|pääsykoodi*|tunnukset|pin|salaisuu*',
    [ASK]: 'mikä|kerro|anna|paljasta|näytä|jaa|kirjoita',
    [AUT]:
      'järjestelmä*|ylläpi*|kehittäjä*|virheenkorja*|huolto*|poliisi*|hätä*|root|diagnostiik*|testi|testitila',
    [MOD]: 'tila|tilaan|pääsy*|oikeu*|käyttöoikeu*|protokoll*|nollaus',
    [YOU]: 'sinun|teidän',
    [OWN]: 'kehittäjä*|luoja*|tekijä*|ohjelmoija*|ylläpitäjä*|omistaja*',
  },
  lt: {
    [OVR]: 'ignoruok*|pamiršk*|nepaisyk*|praleisk*|apeik*|nesilaikyk*|nevykdyk*',
    [INS]: 'instrukcij*|nurodym*|taisykl*|komand*|apribojim*|įsakym*|pasakyta|užprogramuot*',
    [PRI]: 'ankstesn*|ankstesni*|aukščiau|viską|visas|visus|pradin*',
    [SEC]: 'slaptažod*|slaptas raktas|nuolaidos kod*|prieigos kod*|pin|paslapt*',
    [ASK]: 'koks|kokia|pasakyk|duok|atskleisk|parodyk|parašyk',
    [AUT]: 'sistem*|administrator*|kūrėj*|derinim*|priežiūr*|policij*|avarin*|diagnostik*|bandym*',
    [MOD]: 'režim*|prieig*|teis*|privilegij*|protokol*|atkūrim*',
    [YOU]: 'tavo|jūsų',
    [OWN]: 'kūrėj*|programuotoj*|administrator*|savinink*',
  },
  kk: {
    [OVR]: 'елеме|елемеңіз|ескерме|ұмыт*|өткізіп жібер*|орындама|бас тарт*',
    [INS]: 'нұсқаулар*|нұсқау*|ереже*|бұйрық*|шектеу*|айтылған*',
    [PRI]: 'алдыңғы|бұрынғы|жоғарыдағы|барлық|бәрін|бастапқы',
    [SEC]: 'құпия сөз*|пароль*|құпия кілт*|жеңілдік коды*|кіру коды*|құпия*',
    [ASK]: 'қандай|айт|бер|көрсет|жаз|аш',
    [AUT]: 'жүйе*|әкімші*|әзірлеуші*|техникалық қызмет*|полиция*|төтенше*|тест*',
    [MOD]: 'режим*|қолжетімділік*|рұқсат*|құқық*|хаттама*',
    [YOU]: 'сенің|сіздің',
    [OWN]: 'әзірлеуші*|жасаушы*|бағдарламашы*|әкімші*|иесі*',
  },
  ko: {
    [OVR]: '무시*|잊어*|잊고|건너뛰*|따르지|우회*|어기*',
    [INS]: '지시*|지침*|규칙*|명령*|제한*|프롬프트*|안내*',
    [PRI]: '이전*|앞의|위의|모든|모두|원래*|기존*',
    [SEC]: '비밀번호*|암호*|패스워드*|비밀 키*|비밀키*|할인 코드*|할인코드*|접근 코드*|비밀*',
    [ASK]: '무엇*|뭐*|알려*|말해*|공개*|보여*|출력*',
    [AUT]: '시스템*|관리자*|개발자*|디버그*|유지보수*|유지 보수*|경찰*|법 집행*|긴급*|진단*|테스트*',
    [MOD]: '모드*|접근*|권한*|특권*|프로토콜*|초기화*|재설정*',
    [YOU]: '너의|당신의|네',
    [OWN]: '개발자*|제작자*|창조자*|프로그래머*|관리자*|소유자*',
  },
};

// Chinese and Japanese: no spaces between words, so the classes meet in phrase patterns (a bounded gap of
// other characters between a verb and its object; the gap is a single character class, so no backtracking).
const CJK_GAP = '[^。！？!?\\n]{0,12}?';
const CJK_PATTERNS: readonly { name: string; re: RegExp }[] = [
  {
    name: 'cue.override',
    re: new RegExp(
      `(?:忽略|无视|無視|忽视|忽視|忘记|忘記|忘掉|不要理会|不要理會|别管|別管|不要遵守|不要遵循|跳过|跳過|绕过|繞過|忘れ|無視し|従わ)${CJK_GAP}(?:指令|指示|说明|說明|规则|規則|规定|規定|命令|提示|设定|設定|限制|ルール|指図|制約|命令|プロンプト|言われた)`,
      'gu',
    ),
  },
  {
    name: 'cue.override',
    re: new RegExp(
      `(?:以前|之前|先前|上面|上述|所有|一切|前の|以前の|上記の|すべての|全ての)${CJK_GAP}(?:指令|指示|规则|規則|ルール|命令|プロンプト)${CJK_GAP}(?:忽略|无视|無視|忘记|忘記|忘れ|無視して|従わない)`,
      'gu',
    ),
  },
  {
    name: 'cue.secret',
    re: new RegExp(
      `(?:密码|密碼|口令|密钥|密鑰|秘密|折扣码|折扣碼|优惠码|優惠碼|パスワード|暗証番号|秘密鍵|割引コード|クーポンコード)${CJK_GAP}(?:是什么|是什麼|是多少|告诉|告訴|给我|給我|显示|顯示|は何|を教え|教えて|を表示|を見せ)`,
      'gu',
    ),
  },
  {
    name: 'cue.secret',
    re: new RegExp(
      `(?:告诉我|告訴我|给我|給我|说出|說出|透露|教えて)${CJK_GAP}(?:密码|密碼|口令|密钥|密鑰|秘密|折扣码|优惠码|パスワード|暗証番号|秘密鍵|割引コード)`,
      'gu',
    ),
  },
  {
    name: 'cue.authority',
    re: new RegExp(
      `(?:系统|系統|管理员|管理員|开发者|開發者|开发人员|调试|調試|维护|維護|执法|執法|警察|紧急|緊急|システム|管理者|開発者|デバッグ|メンテナンス|法執行|緊急)${CJK_GAP}(?:模式|权限|權限|访问|訪問|重置|モード|権限|アクセス|リセット)`,
      'gu',
    ),
  },
];

const LATIN = /^[a-z\u00c0-\u024f]+$/u;

/** Single-letter deletions and adjacent swaps of a word (its spelling-tolerant forms). */
export function typoForms(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  for (let i = 0; i + 1 < w.length; i++)
    if (w[i] !== w[i + 1]) out.push(w.slice(0, i) + w[i + 1]! + w[i]! + w.slice(i + 2));
  return out;
}

/** Inflected forms of an English verb (regular rules, doubling both ways; over-generation only adds non-words). */
export function verbForms(lemma: string): string[] {
  const [head, ...rest] = lemma.split(' ');
  const tail = rest.length > 0 ? ` ${rest.join(' ')}` : '';
  const v = head!;
  const forms = new Set([v]);
  const last = v[v.length - 1]!;
  const cons = !/[aeiou]/u.test(last);
  forms.add(
    /(?:s|x|z|ch|sh)$/u.test(v) ? `${v}es` : /[^aeiou]y$/u.test(v) ? `${v.slice(0, -1)}ies` : `${v}s`,
  );
  if (last === 'e') {
    forms.add(`${v}d`);
    forms.add(`${v.slice(0, -1)}ing`);
  } else if (/[^aeiou]y$/u.test(v)) {
    forms.add(`${v.slice(0, -1)}ied`);
    forms.add(`${v}ing`);
  } else {
    forms.add(`${v}ed`);
    forms.add(`${v}ing`);
    if (cons && /[aeiou][^aeiouwxy]$/u.test(v)) {
      forms.add(`${v}${last}ed`);
      forms.add(`${v}${last}ing`);
    }
  }
  const irregular: Record<string, string[]> = {
    forget: ['forgot', 'forgotten', 'forgetting'],
    override: ['overrode', 'overridden'],
    give: ['gave', 'given'],
    send: ['sent'],
    set: ['setting'],
    get: ['got', 'gotten'],
    go: ['went', 'gone', 'goes'],
    forsake: ['forsook', 'forsaken'],
    throw: ['threw', 'thrown'],
    break: ['broke', 'broken'],
    pay: ['paid'],
    leak: ['leaked'],
  };
  for (const f of irregular[v] ?? []) forms.add(f);
  return [...forms].map((f) => f + tail);
}

/** Plural of an English noun (and the noun itself). */
export function nounForms(noun: string): string[] {
  const words = noun.split(' ');
  const last = words[words.length - 1]!;
  const stem = words.slice(0, -1).join(' ');
  const pre = stem === '' ? '' : `${stem} `;
  const plural = /(?:s|x|z|ch|sh)$/u.test(last)
    ? `${last}es`
    : /[^aeiou]y$/u.test(last)
      ? `${last.slice(0, -1)}ies`
      : `${last}s`;
  return [noun, pre + plural];
}

interface Lexicon {
  /** Exact forms (one to three words, space-joined) → class bits. */
  exact: Map<string, number>;
  /** Stems (a form starting with the stem matches) → class bits. */
  stems: Map<string, number>;
  /** Lengths of the stems, longest first. */
  stemLengths: number[];
  /** First words of the multi-word exact forms: only a word among them starts a two- or three-word look-up. */
  multi: Set<string>;
  /** First three characters of every stem (all of a shorter one): a word that starts otherwise needs no stem look-up. */
  heads: Set<string>;
}

let built: Lexicon | undefined;

function lexicon(): Lexicon {
  if (built !== undefined) return built;
  const exact = new Map<string, number>();
  const stems = new Map<string, number>();
  const put = (m: Map<string, number>, k: string, bit: number): void => {
    m.set(k, (m.get(k) ?? 0) | bit);
  };
  const wordnet: [string, number, (w: string) => string[]][] = [
    ['override', OVR, verbForms],
    ['instructions', INS, nounForms],
    ['secrets', SEC, nounForms],
    ['actions', ACT, verbForms],
  ];
  for (const [cls, bit, forms] of wordnet)
    for (const w of WORDNET_CLASSES[cls] ?? []) for (const f of forms(w)) put(exact, f, bit);
  for (const [lang, classes] of Object.entries(TABLE))
    for (const [bitKey, list] of Object.entries(classes)) {
      const bit = Number(bitKey);
      for (const raw of (list ?? '').split('|')) {
        const e = raw.trim().toLowerCase();
        if (e === '') continue;
        // A stem is one word: a multi-word entry with a '*' matches as written.
        if (e.endsWith('*') && !e.includes(' ')) put(stems, e.slice(0, -1), bit);
        else if (e.endsWith('*')) put(exact, e.slice(0, -1), bit);
        else if (lang === 'en' && !e.includes("'") && bit & (OVR | ACT) && !e.includes(' '))
          for (const f of verbForms(e)) put(exact, f, bit);
        else if (lang === 'en' && bit & (INS | SEC | AST | OWN) && !e.includes("'"))
          for (const f of nounForms(e)) put(exact, f, bit);
        else put(exact, e, bit);
      }
    }
  // Spelling-tolerant forms of single Latin-script words of 6+ letters; a real form keeps its own classes.
  const typos = new Map<string, number>();
  for (const [w, bits] of exact)
    if (w.length >= 6 && LATIN.test(w)) for (const t of typoForms(w)) if (!exact.has(t)) put(typos, t, bits);
  for (const [t, bits] of typos) exact.set(t, bits);
  const stemLengths = [...new Set([...stems.keys()].map((s) => s.length))].sort((a, b) => b - a);
  const heads = new Set([...stems.keys()].map((k) => k.slice(0, 3)));
  const multi = new Set(
    [...exact.keys()].filter((k) => k.includes(' ')).map((k) => k.slice(0, k.indexOf(' '))),
  );
  built = { exact, stems, stemLengths, heads, multi };
  return built;
}

/** Class bits of one lowercased word (exact form, else the longest stem it starts with). */
function wordBits(lex: Lexicon, w: string): number {
  const e = lex.exact.get(w);
  if (e !== undefined) return e;
  if (!lex.heads.has(w.slice(0, 3)) && !lex.heads.has(w.slice(0, 2))) return 0;
  for (const n of lex.stemLengths) {
    if (n > w.length) continue;
    const s = lex.stems.get(w.slice(0, n));
    if (s !== undefined) return s;
  }
  return 0;
}

export interface LexiconHit {
  span: Span;
  name: string;
}

// A word: a run of word characters (letters, marks, digits, '_': features.ts's table), with inner apostrophes
// or hyphens ("you've", "e-mail"); a word longer than MAX_WORD is no word of any class.
const MAX_WORD = 64;
/** How many words apart two classes may stand and still meet. */
const GAP = 6;
const APOS = 0x27;
const RSQUO = 0x2019;
const HYPHEN = 0x2d;

/** The text's words: start/end offsets and class bits (a multi-word entry's bits go to its first word, which then ends where the entry ends). */
interface Toks {
  start: number[];
  end: number[];
  bits: number[];
}

function tokens(text: string): Toks {
  const lex = lexicon();
  const { cls } = tables();
  // Lowercase once; a text whose lowercase changes length (rare letters such as 'İ') is lowercased per word.
  const whole = text.toLowerCase();
  const lower = whole.length === text.length ? whole : undefined;
  const starts: number[] = [];
  const ends: number[] = [];
  const words: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (cls[text.charCodeAt(i)] !== 1) {
      i++;
      continue;
    }
    const s = i;
    for (;;) {
      while (i < n && cls[text.charCodeAt(i)] === 1) i++;
      const c = text.charCodeAt(i);
      if (i + 1 < n && (c === APOS || c === RSQUO || c === HYPHEN) && cls[text.charCodeAt(i + 1)] === 1) i++;
      else break;
    }
    starts.push(s);
    ends.push(i);
    if (i - s > MAX_WORD) words.push('');
    else {
      const w = lower === undefined ? text.slice(s, i).toLowerCase() : lower.slice(s, i);
      words.push(w.includes('’') ? w.replace(/’/gu, "'") : w);
    }
  }
  const bits = words.map((w) => (w === '' ? 0 : wordBits(lex, w)));
  const end = ends.slice();
  for (let k = 0; k + 1 < words.length; k++) {
    const a = words[k]!;
    if (!lex.multi.has(a)) continue;
    const two = `${a} ${words[k + 1]!}`;
    const three = k + 2 < words.length ? `${two} ${words[k + 2]!}` : undefined;
    const t3 = three === undefined ? undefined : lex.exact.get(three);
    const t2 = lex.exact.get(two);
    if (t3 !== undefined) {
      bits[k] = bits[k]! | t3;
      end[k] = ends[k + 2]!;
    } else if (t2 !== undefined) {
      bits[k] = bits[k]! | t2;
      end[k] = ends[k + 1]!;
    }
  }
  return { start: starts, end, bits };
}

/** Cue names of the lexicon. */
export const LEXICON_CUES = [
  'cue.override',
  'cue.secret',
  'cue.authority',
  'cue.action',
  'cue.w.override',
  'cue.w.instructions',
  'cue.w.secret',
] as const;

/**
 * Every lexicon cue in canonical text (at most `max` per name), in text order of their start. Pairs: a class
 * word and its partner within GAP words either side; the span runs from the first to the last of the two.
 */
export function lexiconHits(text: string, max = 256): LexiconHit[] {
  const { start, end, bits } = tokens(text);
  const out: LexiconHit[] = [];
  const count = new Map<string, number>();
  const emit = (name: string, from: number, to: number): void => {
    const c = count.get(name) ?? 0;
    if (c >= max) return;
    count.set(name, c + 1);
    out.push({ span: [from, to], name });
  };
  const pair = (i: number, name: string, partner: number, before: number, after: number): void => {
    const lo = Math.max(0, i - before);
    const hi = Math.min(bits.length - 1, i + after);
    for (let j = lo; j <= hi; j++) {
      if (j === i || (bits[j]! & partner) === 0) continue;
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      emit(name, start[a]!, Math.max(end[a]!, end[b]!));
      return;
    }
  };
  for (let i = 0; i < bits.length; i++) {
    const t = bits[i]!;
    if (t === 0) continue;
    if (t & OVR) {
      emit('cue.w.override', start[i]!, end[i]!);
      pair(i, 'cue.override', INS | PRI, GAP, GAP);
    }
    if (t & INS) emit('cue.w.instructions', start[i]!, end[i]!);
    if (t & SEC) {
      emit('cue.w.secret', start[i]!, end[i]!);
      pair(i, 'cue.secret', ASK, GAP, GAP);
    }
    if (t & AUT) pair(i, 'cue.authority', MOD, 0, 2);
    // "I am your developer", "as your creator": a claim, then "your", then the owner.
    if (t & YOU && (t & OWN) === 0 && i + 1 < bits.length && (bits[i + 1]! & OWN) !== 0) {
      let claimed = false;
      for (let j = Math.max(0, i - 3); j < i; j++) if ((bits[j]! & CLM) !== 0) claimed = true;
      if (claimed) emit('cue.authority', start[i]!, end[i + 1]!);
    }
    if (t & ACT) pair(i, 'cue.action', AST, 0, 4);
  }
  for (const { name, re } of CJK_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) emit(name, m.index, m.index + m[0].length);
  }
  return out.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1] || (a.name < b.name ? -1 : 1));
}

/** Number of lexicon entries (exact forms with their typo forms, and stems), for the docs and tests. */
export function lexiconSize(): { exact: number; stems: number; languages: number } {
  const lex = lexicon();
  return { exact: lex.exact.size, stems: lex.stems.size, languages: Object.keys(TABLE).length + 2 };
}
