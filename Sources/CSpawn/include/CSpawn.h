#ifndef RECONCILE_CSPAWN_H
#define RECONCILE_CSPAWN_H

#include <spawn.h>

/// Makes the child close every descriptor from `lowest` up, after the file actions before it (glibc ≥ 2.34):
/// 0 on success, an errno value otherwise (ENOSYS where the C library cannot).
int reconcile_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

/// A pipe whose ends are close-on-exec from the start, so no other thread's child inherits them:
/// 0 on success, -1 with errno set otherwise.
int reconcile_pipe_cloexec(int ends[2]);

#endif
