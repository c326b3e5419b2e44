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
		/* Not truncated yet: first see what it is. O_NONBLOCK: a
		 * FIFO must not hang the command. */
		fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
		if (fd >= 0)
			break;
		if (errno != ENOENT)
			return -1;
	}
	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) != 0)
		goto fail;
	if (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode)) {
		/* /dev/stdout, a terminal, a pipe: nothing stays behind. */
		if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
			goto fail;
		return fd;
	}
	/* Someone else's file (in a shared directory, or behind a link) is
	 * never filled with what this person exports. */
	if (!S_ISREG(sb.st_mode) || sb.st_uid != geteuid()) {
		close(fd);
		errno = S_ISREG(sb.st_mode) ? EPERM : EINVAL;
		return -1;
	}
	/* An older export of his, perhaps 0660 from before: his alone now,
	 * before a byte of the new one is written. */
	if ((sb.st_mode & 077) != 0 && fchmod(fd, sb.st_mode & 0700) != 0)
		goto fail;
	if (ftruncate(fd, 0) != 0 ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
		goto fail;
	return fd;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
fail_created:
	saved = errno;
	close(fd);
	unlink(path);
	errno = saved;
	return -1;
}
