/*
 * file.h — files kefu writes for a person: backups, exports, reject files.
 *
 * They hold customers' names, phones and addresses (a backup also holds
 * password hashes), and belong to the person who asked for them alone. A
 * deployed kefu runs with umask 007 so its WAL files stay the group's
 * (start.h); an export created with fopen() under that umask was 0660,
 * readable and writable by colleagues sharing a primary group (issue 11).
 * Every such file is made here, 0600 whatever the umask.
 */
#ifndef KEFU_FILE_H
#define KEFU_FILE_H

#include <stdbool.h>

/*
 * Opens path for writing, private to the person: a new file is created
 * mode 0600 (exactly, whatever the umask).
 *   replace false  (backups) an existing path is refused with EEXIST,
 *                  a symbolic link included (O_EXCL never follows one);
 *   replace true   (exports, reject files) an existing regular file the
 *                  person owns (through a link too) loses any group and
 *                  other permission bits, then is truncated and written;
 *                  one someone else owns is refused (EPERM) and left as
 *                  it was, as is anything else but a device or a FIFO
 *                  (EINVAL); a device or a FIFO with a reader (/dev/stdout,
 *                  a pipe named as FILE) is written as is, and a FIFO
 *                  without one fails (ENXIO) instead of waiting.
 * Opens with the process's effective ids: a deployed caller gives up the
 * group first (the CLI's open_as_person). Returns a descriptor (close on
 * exec), or -1 with errno set; on failure nothing was created.
 */
int	kf_file_private(const char *path, bool replace);

#endif
