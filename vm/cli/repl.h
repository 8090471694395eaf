/* vm/cli/repl.h — the interactive prompt (vm/cli/repl.c). */
#ifndef OURO_VM_CLI_REPL_H
#define OURO_VM_CLI_REPL_H

#include "vm/ouro.h"

/* Runs the read-eval-print loop on stdin, in __main__, until end of input or SystemExit;
 * returns the exit status. quiet suppresses the banner (-q, or code ran before, as with -i).
 * A SIGINT handler that sets vm->interrupt_requested must be installed for Ctrl-C to work. */
int ouro_repl(OuroVM *vm, bool quiet);

#endif
