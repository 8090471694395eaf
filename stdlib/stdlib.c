/* stdlib/stdlib.c — connects a fresh VM to the rest of the system: the compiler hook, the
 * importer, and the builtins and sys modules registered in sys.modules. */
#include "stdlib/stdlib.h"
#include "stdlib/modules.h"
#include "stdlib/run.h"
#include "compiler/compiler.h"

static int register_module(OuroVM *vm, const char *name, OuroObject *module) {
    return ouro_dict_set_cstr(vm, vm->modules, name, module);
}

int ouro_stdlib_init(OuroVM *vm, int argc, char **argv) {
    vm->argc = argc;
    vm->argv = argv;
    vm->compile = ouro_compile;
    ouro_import_install(vm);
    vm->builtins_module = ouro_init_builtins(vm);
    if (!vm->builtins_module) return -1;
    vm->builtins = ouro_newref(ouro_module_dict(vm->builtins_module));
    if (register_module(vm, "builtins", vm->builtins_module) < 0) return -1;
    vm->sys_module = ouro_init_sys(vm);
    if (!vm->sys_module || register_module(vm, "sys", vm->sys_module) < 0) return -1;
    return 0;
}
