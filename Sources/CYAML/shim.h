#ifndef RECONCILE_CYAML_SHIM_H
#define RECONCILE_CYAML_SHIM_H

/* libyaml has no variadic calls; the shim only gives the module one header. */
#include <yaml.h>

#endif
