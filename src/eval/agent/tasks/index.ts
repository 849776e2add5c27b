// Every task of the agent-injection benchmark, in a fixed order (the report and its figures depend on it).
import type { AgentTask } from '../types.js';
import { BANKING_TASKS } from './banking.js';
import { CALENDAR_TASKS } from './calendar.js';
import { DEVOPS_TASKS } from './devops.js';
import { EMAIL_TASKS } from './email.js';
import { FILE_TASKS } from './files.js';
import { SUPPORT_TASKS } from './support.js';
import { WEB_TASKS } from './web.js';

export const AGENT_TASKS: readonly AgentTask[] = [
  ...EMAIL_TASKS,
  ...CALENDAR_TASKS,
  ...BANKING_TASKS,
  ...FILE_TASKS,
  ...WEB_TASKS,
  ...SUPPORT_TASKS,
  ...DEVOPS_TASKS,
];
