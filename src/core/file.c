/*
 * file.c — creating a person's output files private to them (kefu/file.h):
 * the one way kefu makes a backup, an export or a reject file.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kefu/file.h"

int
kf_file_private(const char *path, bool replace)
{
	struct stat sb;
	int fd, tries, saved;

	/* Create, or (replace) open what is there; a file removed between
	 * the two is tried again, a dangling link is given up on. */
	for (tries = 0; tries < 3; tries++) {
		fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
		if (fd >= 0) {
			/* A umask such as 0277 would leave it unwritable
			 * after close: exactly 0600. */
			if (fstat(fd, &sb) == 0 && (sb.st_mode & 07777) != 0600 &&
			    fchmod(fd, 0600) != 0)
				goto fail_created;
			return fd;
		}
		if (errno != EEXIST || !replace)
			return -1;
		fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY);
		if (fd >= 0)
			break;
		if (errno != ENOENT)
			return -1;
	}
	if (fd < 0)
		return -1;
	/* An older export of his, perhaps 0660 from before: his alone now. */
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_uid == geteuid() && (sb.st_mode & 077) != 0 &&
	    fchmod(fd, sb.st_mode & 0700) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
fail_created:
	saved = errno;
	close(fd);
	unlink(path);
	errno = saved;
	return -1;
}
