#ifndef RECONCILE_CSQLITE_SHIM_H
#define RECONCILE_CSQLITE_SHIM_H

#include <sqlite3.h>

/* SQLITE_TRANSIENT is a cast of -1 to a function pointer, which Swift cannot
 * express; hand it over as a typed value. */
static inline sqlite3_destructor_type reconcile_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

/* sqlite3_config is variadic: typed wrappers for the options we use. */
static inline int reconcile_sqlite_config_single_thread_off(void) {
    return sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
}

/* Extended result codes are macros built with `|` and `<<`, which Swift does not import;
 * expose the constraint kinds the Store tells apart. */
static inline int reconcile_sqlite_constraint_unique(void) { return SQLITE_CONSTRAINT_UNIQUE; }
static inline int reconcile_sqlite_constraint_primarykey(void) { return SQLITE_CONSTRAINT_PRIMARYKEY; }
static inline int reconcile_sqlite_constraint_notnull(void) { return SQLITE_CONSTRAINT_NOTNULL; }
static inline int reconcile_sqlite_constraint_check(void) { return SQLITE_CONSTRAINT_CHECK; }
static inline int reconcile_sqlite_constraint_foreignkey(void) { return SQLITE_CONSTRAINT_FOREIGNKEY; }

#endif
