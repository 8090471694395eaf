/* vm/ouro.h — the VM's public header: include this to use the object model, errors and eval. */
#ifndef OURO_VM_OURO_H
#define OURO_VM_OURO_H

#include "vm/object.h"
#include "vm/vm.h"
#include "vm/error.h"
#include "vm/eval.h"
#include "vm/obj_int.h"
#include "vm/obj_float.h"
#include "vm/obj_str.h"
#include "vm/obj_tuple.h"
#include "vm/obj_list.h"
#include "vm/obj_dict.h"
#include "vm/obj_set.h"
#include "vm/obj_range.h"
#include "vm/obj_iter.h"
#include "vm/obj_code.h"
#include "vm/obj_func.h"
#include "vm/obj_module.h"
#include "vm/obj_exc.h"
#include "vm/obj_weakref.h"

#endif
