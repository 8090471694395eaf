/* stdlib/mod_time.c — the time module's clocks and sleep: time, time_ns, perf_counter(_ns),
 * monotonic(_ns), process_time(_ns), sleep. Clocks are POSIX clock_gettime clocks as
 * CPython uses on Linux; sleep stops early when an interrupt (SIGINT) is pending so the
 * eval loop can raise KeyboardInterrupt at its next safe point. */
#include "stdlib/modules.h"

#include <errno.h>
#include <math.h>
#include <time.h>

static int64_t clock_ns(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static OuroObject *seconds(OuroVM *vm, clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ouro_float_new(vm, (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
}

#define TIME_ARGS OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs, \
                  OuroObject *kw

static OuroObject *t_time(TIME_ARGS) {
    if (ouro_args_check(vm, "time.time", nargs, kw, 0, 0) < 0) return NULL;
    return seconds(vm, CLOCK_REALTIME);
}

static OuroObject *t_time_ns(TIME_ARGS) {
    if (ouro_args_check(vm, "time.time_ns", nargs, kw, 0, 0) < 0) return NULL;
    return ouro_int_from_i64(vm, clock_ns(CLOCK_REALTIME));
}

static OuroObject *t_monotonic(TIME_ARGS) {
    if (ouro_args_check(vm, "time.monotonic", nargs, kw, 0, 0) < 0) return NULL;
    return seconds(vm, CLOCK_MONOTONIC);
}

static OuroObject *t_monotonic_ns(TIME_ARGS) {
    if (ouro_args_check(vm, "time.monotonic_ns", nargs, kw, 0, 0) < 0) return NULL;
    return ouro_int_from_i64(vm, clock_ns(CLOCK_MONOTONIC));
}

static OuroObject *t_perf_counter(TIME_ARGS) {
    if (ouro_args_check(vm, "time.perf_counter", nargs, kw, 0, 0) < 0) return NULL;
    return seconds(vm, CLOCK_MONOTONIC);
}

static OuroObject *t_perf_counter_ns(TIME_ARGS) {
    if (ouro_args_check(vm, "time.perf_counter_ns", nargs, kw, 0, 0) < 0) return NULL;
    return ouro_int_from_i64(vm, clock_ns(CLOCK_MONOTONIC));
}

static OuroObject *t_process_time(TIME_ARGS) {
    if (ouro_args_check(vm, "time.process_time", nargs, kw, 0, 0) < 0) return NULL;
    return seconds(vm, CLOCK_PROCESS_CPUTIME_ID);
}

static OuroObject *t_process_time_ns(TIME_ARGS) {
    if (ouro_args_check(vm, "time.process_time_ns", nargs, kw, 0, 0) < 0) return NULL;
    return ouro_int_from_i64(vm, clock_ns(CLOCK_PROCESS_CPUTIME_ID));
}

/* The sleep length in nanoseconds (_PyTime_FromSecondsObject): floats and ints, anything
 * else through __index__. */
static int sleep_length(OuroVM *vm, OuroObject *o, double *ns) {
    if (ouro_float_check(o) || (!OURO_IS_SMALLINT(o) && ouro_type_is_subtype(o->type, &ouro_float_type))) {
        double d = ouro_float_value(o);
        if (isnan(d)) {
            ouro_err_set_str(vm, &ouro_exc_ValueError, "Invalid value NaN (not a number)");
            return -1;
        }
        *ns = d * 1e9;
    } else {
        OuroObject *i = ouro_number_index(vm, o);
        if (!i) return -1;
        int64_t v;
        int r = ouro_int_as_i64(vm, i, &v);
        ouro_decref(vm, i);
        if (r < 0 || v > INT64_MAX / 1000000000 || v < INT64_MIN / 1000000000) {
            ouro_err_clear(vm);
            ouro_err_set_str(vm, &ouro_exc_OverflowError,
                             "timestamp too large to convert to C _PyTime_t");
            return -1;
        }
        *ns = (double)v * 1e9;
    }
    if (*ns >= 9.2e18 || *ns <= -9.2e18) {
        ouro_err_set_str(vm, &ouro_exc_OverflowError, "timestamp out of range for platform time_t");
        return -1;
    }
    if (*ns < 0) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "sleep length must be non-negative");
        return -1;
    }
    return 0;
}

static OuroObject *t_sleep(TIME_ARGS) {
    if (ouro_args_check(vm, "time.sleep", nargs, kw, 1, 1) < 0) return NULL;
    double ns;
    if (sleep_length(vm, args[0], &ns) < 0) return NULL;
    int64_t total = (int64_t)ns;
    struct timespec req = { .tv_sec = total / 1000000000, .tv_nsec = total % 1000000000 };
    struct timespec rem;
    while (nanosleep(&req, &rem) != 0 && errno == EINTR) {
        if (vm->interrupt_requested) {
            /* As CPython's PyErr_CheckSignals: Ctrl-C ends the sleep with KeyboardInterrupt
             * at once, even when no safe point of the eval loop follows. */
            vm->interrupt_requested = 0;
            ouro_err_set_none(vm, &ouro_exc_KeyboardInterrupt);
            return NULL;
        }
        req = rem;
    }
    return ouro_newref(ouro_none);
}

static const OuroMethodDef time_functions[] = {
    { "time", t_time, 0, "Return the current time in seconds since the Epoch." },
    { "time_ns", t_time_ns, 0, "Return the current time in nanoseconds since the Epoch." },
    { "monotonic", t_monotonic, 0, "Monotonic clock, cannot go backward." },
    { "monotonic_ns", t_monotonic_ns, 0, "Monotonic clock, cannot go backward, as nanoseconds." },
    { "perf_counter", t_perf_counter, 0, "Performance counter for benchmarking." },
    { "perf_counter_ns", t_perf_counter_ns, 0, "Performance counter for benchmarking as nanoseconds." },
    { "process_time", t_process_time, 0, "Process time for profiling: sum of the kernel and user-space CPU time." },
    { "process_time_ns", t_process_time_ns, 0, "Process time for profiling as nanoseconds." },
    { "sleep", t_sleep, 0, "Delay execution for a given number of seconds." },
    { NULL, NULL, 0, NULL },
};

OuroObject *ouro_init_time(OuroVM *vm) {
    OuroObject *m = ouro_module_new(vm, "time");
    if (!m) return NULL;
    if (ouro_module_add_functions(vm, m, time_functions) < 0) {
        ouro_decref(vm, m);
        return NULL;
    }
    return m;
}
