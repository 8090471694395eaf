/* vm/obj_range.h — range and slice objects. */
#ifndef OURO_VM_OBJ_RANGE_H
#define OURO_VM_OBJ_RANGE_H

#include "vm/object.h"

typedef struct OuroSlice {
    OuroObject ob;
    OuroObject *start, *stop, *step;  /* never NULL: None when absent */
} OuroSlice;

OuroObject *ouro_slice_new(OuroVM *vm, OuroObject *start, OuroObject *stop, OuroObject *step);
/* PySlice_GetIndicesEx: clamps to a sequence of the given length. */
int ouro_slice_indices(OuroVM *vm, OuroObject *slice, intptr_t length, intptr_t *start,
                       intptr_t *stop, intptr_t *step, intptr_t *slicelength);
/* _PySlice_GetLongIndices on machine integers: start/stop of the slice applied to a
 * sequence of the given length, clamped to [-1, length] (slice.indices(), range slicing). */
int ouro_slice_long_indices(OuroVM *vm, OuroObject *slice, intptr_t length, intptr_t *start,
                            intptr_t *stop, intptr_t *step);
OuroObject *ouro_range_new(OuroVM *vm, OuroObject *start, OuroObject *stop, OuroObject *step);

extern OuroType ouro_range_iterator_type, ouro_longrange_iterator_type;

#endif
