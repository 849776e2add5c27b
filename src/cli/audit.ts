// `rampart audit verify`: check the audit log's hash chain. Exit 0 intact, 1 tampered, 2 error.
import { Option, type Command } from 'commander';
import { RampartError } from '../core/errors.js';
import { verifyAudit } from '../telemetry/audit-verify.js';

export const AUDIT_EXIT = { intact: 0, tampered: 1, error: 2 } as const;
export const DEFAULT_AUDIT_DB = '.rampart/audit.db';

export interface AuditCliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface AuditVerifyArgs {
  db: string;
  format: 'text' | 'json';
}

const defaultIo: AuditCliIo = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

export function auditVerifyCommand(args: AuditVerifyArgs, io: AuditCliIo): number {
  let result;
  try {
    result = verifyAudit(args.db);
  } catch (e) {
    if (e instanceof RampartError) {
      io.err(`rampart: ${e.code}: ${e.message}`);
      return AUDIT_EXIT.error;
    }
    io.err(`rampart: internal error (${(e as Error)?.name ?? 'unknown'}); please report it`);
    return AUDIT_EXIT.error;
  }
  if (args.format === 'json') {
    io.out(JSON.stringify({ db: args.db, ...result }));
  } else if (result.ok) {
    io.out(`audit log intact: ${result.rows} rows; head seq ${result.head.seq} hash ${result.head.hash}`);
  } else {
    io.out(
      `audit log TAMPERED: ${result.problem} at seq ${result.seq} (${result.rows} rows; head seq ${result.head.seq})`,
    );
  }
  return result.ok ? AUDIT_EXIT.intact : AUDIT_EXIT.tampered;
}

/**
 * Add `audit verify` to the program. main.ts passes its io and an exit-code setter (its actions report
 * the code through a closure); standalone use sets process.exitCode.
 */
export function registerAuditCommand(
  program: Command,
  io: AuditCliIo = defaultIo,
  setExit: (code: number) => void = (c) => {
    process.exitCode = c;
  },
): Command {
  const audit = program.command('audit').description('inspect the tamper-evident audit log');
  audit
    .command('verify')
    .description(
      'verify the audit log hash chain; exit 0 intact, 1 tampered (names the problem and seq), 2 error',
    )
    .option('--db <file>', 'audit log file', DEFAULT_AUDIT_DB)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((o: AuditVerifyArgs) => {
      setExit(auditVerifyCommand(o, io));
    });
  return audit;
}
