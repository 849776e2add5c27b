// One linear pass that says which rules are worth running. Every rule lists the prefilter keys it depends
// on (`anchors`); text in which none of a rule's keys occur never reaches that rule's regex, so clean text
// costs one regex scan. A test checks that every anchor of every rule is reachable through this pattern.
//
// Only literals, matched case-insensitively and looked up lower-cased: bounded character-class
// alternatives ("sk" + 32 hex) would make every position cost up to 32 steps. A literal that starts
// with another one ("private key", "private") must come first; the rule table gives a literal the rules
// of every literal it contains (see rules.ts).
export const PREFILTER =
  /private key|api_org_|akia|asia|abia|acca|aws|aiza|gocspx-|ya29\.|accountkey|sharedaccesskey|q~|dop_v1_|doo_v1_|dor_v1_|hrku-|ltai|v1\.0-|dapi|\.atlasv1\.|pul-|hvs\.|hvb\.|dp\.|tskey-|age-secret-key-1|sbp_|pscale_|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|glptt-|glrt-|gldt-|glft-|glsoat-|glcbt-|gloas-|gr1348941|npm_|pypi-ag|dckr_|pmak-|sntrys_|sntryu_|glc_|glsa_|lin_api_|figd_|atatt3|shpat_|shpss_|shpca_|shppa_|ntn_|nrak-|nrii-|nral|xox|xapp-|hooks\.slack\.com|sk_|rk_|pk_|whsec_|sg\.|key-|-us|xkeysib-|sk-|sk\.eyj|sk|:aa|pat|hf_|gsk_|r8_|xai-|eaaa|eaa|ops_eyj|sgp_|absk|bedrock-api-key-|sq0atp-|sq0csp-|discord|webhook\.office\.com|twilio|auth_token|authtoken|service_account|putty-user-key-file|eyj|:\/\/|bearer|authorization|curl|pass|pwd|secret|token|api|access|private|credential|masterauth|mysql|mariadb/gi;
