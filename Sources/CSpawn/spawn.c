/* What posix_spawn and pipe offer only under _GNU_SOURCE, which Swift's Glibc module does not define. */
#define _GNU_SOURCE
#include "CSpawn.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int reconcile_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
#else
    (void)actions;
    (void)lowest;
    return ENOSYS;
#endif
}

int reconcile_pipe_cloexec(int ends[2]) {
    return pipe2(ends, O_CLOEXEC);
}
