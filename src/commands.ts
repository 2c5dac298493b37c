import type { Command } from 'commander';
import { registerAccountsCommands } from './accounts/cli.ts';
import { registerAuditCommands } from './audit/cli.ts';
import { registerExchangeCommands } from './exchange/cli.ts';
import { registerLicensingCommands } from './licensing/cli.ts';
import { registerOperationsCommands } from './operations/cli.ts';
import type { CommandContext } from './platform/module.ts';
import { registerImportCommands, registerRegistryCommands } from './registry/cli.ts';
import { registerReportingCommands } from './reporting/cli.ts';
import { registerScreeningCommands } from './screening/cli.ts';
import { registerTracingCommands } from './tracing/cli.ts';

/**
 * Each module's commands (its descriptor's `commands`), by module name and in the order of MODULES, for
 * the command line to declare without loading the modules themselves: `custodia --help` and a mistyped
 * command answer at once, and a command loads the module list only when it runs. Only the modules' cli.ts
 * files are imported here, and they import their heavy parts inside their actions.
 * `test/cli-startup.test.ts` holds this list equal to the descriptors'.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const MODULE_COMMANDS: readonly { module: string; commands: (program: Command, cli: CommandContext<any>) => void }[] = [
  { module: 'registry', commands: registerRegistryCommands },
  { module: 'imports', commands: registerImportCommands },
  { module: 'screening', commands: registerScreeningCommands },
  { module: 'accounts', commands: registerAccountsCommands },
  { module: 'audit', commands: registerAuditCommands },
  { module: 'licensing', commands: registerLicensingCommands },
  { module: 'exchange', commands: registerExchangeCommands },
  { module: 'operations', commands: registerOperationsCommands },
  { module: 'tracing', commands: registerTracingCommands },
  { module: 'reporting', commands: registerReportingCommands },
];
