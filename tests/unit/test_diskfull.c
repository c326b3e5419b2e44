/*
 * test_diskfull.c — a full disk is called a full disk (issue 11): before
 * the fix, opening a database whose -wal and -shm files were gone said
 * "disk I/O error" on a full disk, even to read.
 *
 * A test VFS wraps SQLite's default one and, while `full` is set, fails
 * as the unix VFS does on a file system with no room: a write returns
 * SQLITE_FULL, and growing a new -shm returns SQLITE_IOERR_SHMSIZE with
 * errno ENOSPC (unixShmMap writes a byte into each new page, and that
 * pwrite fails). Deterministic and unprivileged; tests/cli/cli_deploy.sh
 * fills a real tmpfs where it may mount one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "helpers.h"
#include "kefu/draft.h"

static sqlite3_vfs	*real_vfs;
static sqlite3_vfs	 full_vfs;
static int		 full;		/* fail as a full disk does */

struct shim_file {
	sqlite3_file	 base;
	sqlite3_file	*real;		/* follows this struct in memory */
};
#define REAL(f)	(((struct shim_file *)(f))->real)

static int
s_close(sqlite3_file *f)
{
	int rc = REAL(f)->pMethods->xClose(REAL(f));

	f->pMethods = NULL;
	return rc;
}

static int
s_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int
s_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	if (full) {
		errno = ENOSPC;
		return SQLITE_FULL;	/* as unixWrite on ENOSPC */
	}
	return REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int
s_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int
s_sync(sqlite3_file *f, int flags)
{
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int
s_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int
s_lock(sqlite3_file *f, int lock)
{
	return REAL(f)->pMethods->xLock(REAL(f), lock);
}

static int
s_unlock(sqlite3_file *f, int lock)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), lock);
}

static int
s_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int
s_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int
s_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int
s_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int
s_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
	int rc;

	if (full && extend) {
		/* A region already there is no new space. */
		rc = REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, 0, pp);
		if (rc != SQLITE_OK || *pp != NULL)
			return rc;
		errno = ENOSPC;
		return SQLITE_IOERR_SHMSIZE;
	}
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, extend, pp);
}

static int
s_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}

static void
s_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int
s_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int
s_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
	*pp = NULL;	/* no memory map: every read goes through xRead */
	(void)f;
	(void)off;
	(void)n;
	return SQLITE_OK;
}

static int
s_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	(void)f;
	(void)off;
	(void)p;
	return SQLITE_OK;
}

static const sqlite3_io_methods shim_io = {
	3, s_close, s_read, s_write, s_truncate, s_sync, s_size, s_lock,
	s_unlock, s_reserved, s_control, s_sector, s_device, s_shm_map,
	s_shm_lock, s_shm_barrier, s_shm_unmap, s_fetch, s_unfetch,
};

static int
s_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
    int *out_flags)
{
	struct shim_file *sf = (struct shim_file *)f;
	int rc;

	(void)vfs;
	sf->real = (sqlite3_file *)(sf + 1);
	rc = real_vfs->xOpen(real_vfs, name, sf->real, flags, out_flags);
	f->pMethods = rc == SQLITE_OK && sf->real->pMethods != NULL ?
	    &shim_io : NULL;
	return rc;
}

/* Makes the shim SQLite's default VFS, which kf_core_open uses. */
static int
shim_install(void **state)
{
	if (real_vfs == NULL) {
		real_vfs = sqlite3_vfs_find(NULL);
		full_vfs = *real_vfs;
		full_vfs.zName = "kefu-test-full";
		full_vfs.szOsFile = (int)sizeof(struct shim_file) +
		    real_vfs->szOsFile;
		full_vfs.xOpen = s_open;
		full_vfs.pNext = NULL;
	}
	full = 0;
	if (sqlite3_vfs_register(&full_vfs, 1) != SQLITE_OK)
		return -1;
	return fx_setup(state);	/* its session goes through the shim too */
}

static int
shim_remove(void **state)
{
	full = 0;
	sqlite3_vfs_unregister(&full_vfs);
	sqlite3_vfs_register(real_vfs, 1);
	return fx_teardown(state);
}

static bool
exists(const char *path, const char *suffix)
{
	char p[256];

	snprintf(p, sizeof(p), "%s%s", path, suffix);
	return access(p, F_OK) == 0;
}

/* The message names the database's directory and says it is full. */
static void
assert_full_message(const struct fixture *fx, const struct kf_err *err)
{
	char want[160];
	char *real = realpath(fx->dir, NULL);

	assert_non_null(real);
	snprintf(want, sizeof(want), "the disk holding %s is full", real);
	free(real);
	if (strstr(err->msg, want) == NULL)
		fail_msg("message '%s' lacks '%s'", err->msg, want);
	assert_null(strstr(err->msg, "disk I/O error"));
}

static void
test_open_on_a_full_disk_says_full(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k = NULL;
	struct kf_err err;

	/* The last session closed: SQLite removed -wal and -shm. */
	kf_core_close(fx->k);
	fx->k = NULL;
	assert_false(exists(fx->path, "-wal"));
	assert_false(exists(fx->path, "-shm"));

	full = 1;
	kf_err_clear(&err);
	assert_int_equal(kf_core_open(fx->path, NULL, &k, &err), KF_DBERR);
	assert_null(k);
	assert_full_message(fx, &err);

	/* Room again: it opens. */
	full = 0;
	assert_int_equal(kf_core_open(fx->path, NULL, &k, &err), KF_OK);
	kf_core_close(k);
}

static void
test_write_on_a_full_disk_says_full(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;

	full = 1;
	kf_err_clear(&err);
	assert_int_equal(kf_pref_set(fx->k, "lang", "zh_CN", &err), KF_DBERR);
	assert_full_message(fx, &err);
	full = 0;
	assert_int_equal(kf_pref_set(fx->k, "lang", "zh_CN", &err), KF_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_open_on_a_full_disk_says_full, shim_install,
		    shim_remove),
		cmocka_unit_test_setup_teardown(
		    test_write_on_a_full_disk_says_full, shim_install,
		    shim_remove),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
