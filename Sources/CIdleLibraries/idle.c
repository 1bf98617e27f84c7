#include "CIdleLibraries.h"

/* Debian's libcurl speaks TLS through OpenSSL, but links GnuTLS too (through librtmp and libldap), and GnuTLS
 * initialises itself as soon as it is loaded: its random pool, the system priority file, p11-kit. reconcile
 * never calls it, and that start-up cost ~1 MiB resident in every process (measured on a pass and the idle
 * daemon). librtmp and libldap call gnutls_global_init() themselves before any use, so nothing depends on
 * the implicit one. */
int _gnutls_global_init_skip(void) {
    return 1;
}
