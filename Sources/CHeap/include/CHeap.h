#ifndef RECONCILE_CHEAP_H
#define RECONCILE_CHEAP_H

/* Hands the heap pages that are free again back to the kernel (glibc's malloc_trim). The daemon calls
 * it after each pass: a pass decodes every container list into short-lived values, and glibc would
 * otherwise keep those pages mapped for the rest of the daemon's life. A no-op without glibc. */
void reconcile_heap_trim(void);

#endif
