/* vm/cli/repl.h — the interactive prompt (vm/cli/repl.c). */
#ifndef OURO_VM_CLI_REPL_H
#define OURO_VM_CLI_REPL_H

#include "vm/ouro.h"

/* Runs the read-eval-print loop on stdin until EOF or SystemExit; returns the exit status.
 * quiet suppresses the banner. */
int ouro_repl(OuroVM *vm, bool quiet);
/* Called from the SIGINT handler: abandons the line being read, if any. */
void ouro_repl_interrupt(void);

#endif
