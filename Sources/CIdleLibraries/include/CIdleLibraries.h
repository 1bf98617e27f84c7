#ifndef RECONCILE_CIDLELIBRARIES_H
#define RECONCILE_CIDLELIBRARIES_H

/* GnuTLS's documented switch (GNUTLS_SKIP_GLOBAL_INIT in <gnutls/gnutls.h>): an executable that defines this
 * function returning 1 keeps GnuTLS's library constructor from initialising it. Exported from the executable
 * by this target's linker settings (the release link exports nothing else), so libgnutls finds it. */
int _gnutls_global_init_skip(void);

#endif
